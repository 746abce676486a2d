package cn.canbao.collection.benchmark;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import cn.canbao.collection.payment.IdNumbers;
import cn.canbao.region.RegionCode;

/**
 * Deterministic synthetic data for the benchmarks: demo townships and villages under a county or
 * city, enrollments with their current assessments, and payments with a realistic mix of
 * differences. Rows go in through COPY in chunks.
 */
final class SyntheticCollectionData {

    static final String[] CHANNELS = {"WECHAT", "WECHAT", "WECHAT", "ALIPAY", "ALIPAY", "WANSHITONG", "TAX_HALL", "BANK", "COMMUNITY_AGENT", "SCHOOL"};

    static final String[] CHANNEL_NAMES = {"微信", "微信", "微信", "支付宝", "支付宝", "皖事通", "税务缴费大厅", "银行网点", "代征社区", "学校代收"};

    private final DataSource dataSource;
    private final SplittableRandom random;

    SyntheticCollectionData(DataSource dataSource, long seed) {
        this.dataSource = dataSource;
        this.random = new SplittableRandom(seed);
    }

    /** Creates {@code townships} x {@code villages} demo units under each county; returns the village codes. */
    List<RegionCode> demoVillages(List<RegionCode> counties, int townships, int villages) {
        List<RegionCode> result = new ArrayList<>();
        StringBuilder rows = new StringBuilder();
        for (RegionCode county : counties) {
            for (int t = 1; t <= townships; t++) {
                String township = county.value() + "%03d".formatted(500 + t) + "000";
                rows.append(township).append(",演示乡镇").append(t).append(",TOWNSHIP,").append(county.value()).append(",true\n");
                for (int v = 1; v <= villages; v++) {
                    String village = county.value() + "%03d".formatted(500 + t) + "%03d".formatted(200 + v);
                    rows.append(village).append(",演示村").append(v).append(",VILLAGE,").append(township).append(",true\n");
                    result.add(RegionCode.of(village));
                }
            }
        }
        copy("COPY region (code, name, level, parent_code, demo) FROM STDIN (FORMAT csv)", rows);
        return result;
    }

    /** The ID number of synthetic person {@code n} (unique for n below 36,500,000). */
    static String idNumber(long n) {
        LocalDate birth = LocalDate.of(1940, 1, 1).plusDays(n / 1000);
        return IdNumbers.withCheckCharacter("150702" + birth.toString().replace("-", "") + "%03d".formatted(n % 1000));
    }

    /**
     * Residents 0..count-1 and their enrollments for the year in the given villages, written to the
     * enrollment side's tables; 0.3% registered but not assessed, 8% assessed at 200 yuan.
     * Registration days spread over the collection window.
     */
    void enrollments(int year, long count, List<RegionCode> villages, LocalDate windowStart, int windowDays) {
        StringBuilder residents = new StringBuilder();
        StringBuilder enrollments = new StringBuilder();
        StringBuilder assessments = new StringBuilder();
        villages.stream().map(v -> v.value().substring(0, 6)).distinct().forEach(county -> assessmentPartition(year, county));
        for (long n = 0; n < count; n++) {
            String village = villages.get((int) (n % villages.size())).value();
            String id = idNumber(n);
            residents.append(n + 1).append(",CN").append(id).append(",居民").append(n).append(",RESIDENT_ID,").append(id).append(',')
                    .append(village).append(',').append(village, 0, 6).append(",RESIDENT,true\n");
            int dice = random.nextInt(1000);
            enrollments.append(n + 1).append(',').append(year).append(',').append(village, 0, 6).append(',').append(village).append(',')
                    .append(n + 1).append(",CN").append(id).append(",RESIDENT,RENEWAL,REGISTERED,")
                    .append(windowStart.plusDays(random.nextInt(windowDays))).append(" 10:00:00+08,benchmark\n");
            if (dice >= 3) {
                String due = dice < 83 ? "20000" : "40000";
                assessments.append(year).append(',').append(village, 0, 6).append(',').append(n + 1).append(',').append(village)
                        .append(",benchmark,0,true,40000,").append(due).append('\n');
            }
            if (enrollments.length() > 1 << 20) {
                flushEnrollments(residents, enrollments, assessments);
            }
        }
        flushEnrollments(residents, enrollments, assessments);
    }

    private void flushEnrollments(StringBuilder residents, StringBuilder enrollments, StringBuilder assessments) {
        copy("COPY resident (id, person_key, name, document_type, document_number, region_code, county_code, category, demo) "
                + "FROM STDIN (FORMAT csv)", residents);
        copy("COPY enrollment (id, coverage_year, county_code, region_code, resident_id, person_key, category, flow, status, "
                + "registered_at, registered_by) FROM STDIN (FORMAT csv)", enrollments);
        copy("COPY assessment_result (coverage_year, county_code, enrollment_id, region_code, policy_version, input_fingerprint, "
                + "accepted, standard_fen, personal_due_fen) FROM STDIN (FORMAT csv)", assessments);
    }

    /**
     * Payments for persons 0..count-1: 96% pay 400 once, 1% pay twice, 0.5% pay 380, 0.3% pay in another
     * county; plus extraPersons paying without an enrollment. Returns the number of records.
     */
    long payments(int year, long count, long extraPersons, String collectingRegion, LocalDate windowStart, int windowDays) {
        StringBuilder rows = new StringBuilder();
        long records = 0;
        for (long n = 0; n < count + extraPersons; n++) {
            int dice = random.nextInt(1000);
            if (n < count && dice >= 960 && dice < 985) {
                continue; // 2.5% have not paid
            }
            String region = dice >= 985 && dice < 988 ? "150721" : collectingRegion;
            String amount = dice >= 988 && dice < 993 ? "38000" : "40000";
            records += payment(rows, "P" + year + "-" + n, year, n, amount, region, windowStart.plusDays(random.nextInt(windowDays)));
            if (dice >= 993) {
                records += payment(rows, "P" + year + "-" + n + "-2", year, n, "40000", region, windowStart.plusDays(random.nextInt(windowDays)));
            }
            if (rows.length() > 1 << 20) {
                copyPayments(rows);
            }
        }
        copyPayments(rows);
        return records;
    }

    /**
     * The same mix of payments as {@link #payments}, written as a tax-bureau file (CSV with the file's
     * Chinese headers, amounts in yuan); 0.2% of the payers also have a reversal (冲正) of their payment
     * and a new payment. Returns the number of data rows.
     */
    long paymentFile(Path file, int year, long count, long extraPersons, String collectingRegion, LocalDate windowStart, int windowDays) {
        long rows = 0;
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            out.write("交易流水号,证件号码,姓名,金额,缴费年度,缴费渠道,缴费时间,征收单位,征收地区代码,类型,原交易流水号\n");
            for (long n = 0; n < count + extraPersons; n++) {
                int dice = random.nextInt(1000);
                if (n < count && dice >= 960 && dice < 985) {
                    continue;
                }
                String region = dice >= 985 && dice < 988 ? "150721" : collectingRegion;
                String amount = dice >= 988 && dice < 993 ? "380" : "400";
                LocalDate day = windowStart.plusDays(random.nextInt(windowDays));
                String txn = "F" + year + "-" + n;
                rows += fileRow(out, txn, year, n, amount, region, day, "缴费", "");
                if (dice >= 993) {
                    rows += fileRow(out, txn + "-2", year, n, "400", region, windowStart.plusDays(random.nextInt(windowDays)), "缴费", "");
                } else if (dice < 2) {
                    rows += fileRow(out, txn + "-R", year, n, amount, region, day.plusDays(1), "冲正", txn);
                    rows += fileRow(out, txn + "-3", year, n, "400", region, day.plusDays(2), "缴费", "");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    private int fileRow(Writer out, String txn, int year, long person, String amountYuan, String region, LocalDate day, String kind,
                        String reverses) throws IOException {
        out.write(txn + "," + idNumber(person) + ",居民" + person + "," + amountYuan + "," + year + ","
                + CHANNEL_NAMES[random.nextInt(CHANNEL_NAMES.length)] + "," + day + " 10:00:00,税务局" + region + "," + region + "," + kind
                + "," + reverses + "\n");
        return 1;
    }

    private int payment(StringBuilder rows, String txn, int year, long person, String amountFen, String region, LocalDate day) {
        rows.append(txn).append(',').append(year).append(',').append(idNumber(person)).append(",居民").append(person).append(',')
                .append(amountFen).append(',').append(CHANNELS[random.nextInt(CHANNELS.length)]).append(',').append(day).append(" 10:00:00,")
                .append("税务局").append(region).append(',').append(region).append(",PAYMENT,,benchmark,").append(region, 0, 6).append('\n');
        return 1;
    }

    private void copyPayments(StringBuilder rows) {
        copy("COPY payment_record (transaction_id, coverage_year, id_number, name, amount_fen, channel, paid_at, collecting_unit, "
                + "collecting_region, kind, reverses, recorded_by, county_code) FROM STDIN (FORMAT csv)", rows);
    }

    /** The county's partition of the enrollments' current assessments (V32). */
    private void assessmentPartition(int year, String county) {
        try (Connection connection = dataSource.getConnection();
             var create = connection.prepareStatement("SELECT assessment_result_partition(?, ?)")) {
            create.setInt(1, year);
            create.setString(2, county);
            create.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    void copy(String sql, StringBuilder rows) {
        if (rows.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            copy.copyIn(sql, new StringReader(rows.toString()));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rows.setLength(0);
    }
}
