package cn.canbao.enrollment.support;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import cn.canbao.audit.Actor;
import cn.canbao.enrollment.person.DocumentType;
import cn.canbao.enrollment.person.ResidentIdNumber;
import cn.canbao.enrollment.resident.ResidentForm;
import cn.canbao.policy.ParticipantCategory;
import cn.canbao.region.RegionCode;

/** Valid, distinct test people: every test gets ID numbers no other test uses in the shared database. */
public final class TestPeople {

    public static final String YINFENG = "340321001000";
    public static final String WANGHUAI = "340321002000";
    public static final Actor COUNTY_STAFF = new Actor("huaiyuan-staff", RegionCode.of("340321"), "127.0.0.1");
    public static final Actor YINFENG_WORKER = new Actor("yinfeng-worker", RegionCode.of(YINFENG), "127.0.0.1");
    public static final Actor WANGHUAI_WORKER = new Actor("wanghuai-worker", RegionCode.of(WANGHUAI), "127.0.0.1");

    private static final AtomicInteger SEQUENCE = new AtomicInteger(ThreadLocalRandom.current().nextInt(0, 500));

    private TestPeople() {
    }

    /** A fresh valid resident ID number of someone born on the date. */
    public static String idNumber(LocalDate birth, boolean male) {
        int n = SEQUENCE.incrementAndGet();
        String region = String.format("3403%02d", 21 + (n / 500) % 70);
        int seq = (n % 500) * 2 + (male ? 1 : 0);
        String first17 = region + birth.format(DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", seq);
        return first17 + ResidentIdNumber.checkCharacter(first17);
    }

    public static String idNumber() {
        return idNumber(LocalDate.of(1960 + ThreadLocalRandom.current().nextInt(40), 1 + ThreadLocalRandom.current().nextInt(12),
                1 + ThreadLocalRandom.current().nextInt(28)), ThreadLocalRandom.current().nextBoolean());
    }

    public static ResidentForm adult(String name, String regionCode) {
        return new ResidentForm(name, DocumentType.RESIDENT_ID, idNumber(), null, null, null, null, "340321", regionCode,
                ParticipantCategory.RESIDENT, "13812345678", null, null);
    }
}
