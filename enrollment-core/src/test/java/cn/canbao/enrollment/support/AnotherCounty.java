package cn.canbao.enrollment.support;

import org.springframework.jdbc.core.simple.JdbcClient;

import cn.canbao.audit.Actor;
import cn.canbao.region.RegionCode;

/**
 * 五河县 next to 怀远县 in 蚌埠市, with one township: the seed names no townships of a second county in the city, so
 * tests about crossing a county line add these (idempotently) to the shared test database.
 */
public final class AnotherCounty {

    public static final String COUNTY = "340322";
    public static final String TOWNSHIP = "340322100000";
    /** A 蚌埠市 user: reaches both counties, so only the county rules can refuse a crossing. */
    public static final Actor CITY_STAFF = new Actor("bengbu-staff", RegionCode.of("340300"), "127.0.0.1");

    private AnotherCounty() {
    }

    public static void ensure(JdbcClient jdbc) {
        jdbc.sql("""
                INSERT INTO region (code, name, level, parent_code) VALUES ('340322', '五河县', 'COUNTY', '340300'),
                    ('340322100000', '城关镇', 'TOWNSHIP', '340322')
                ON CONFLICT DO NOTHING
                """).update();
    }
}
