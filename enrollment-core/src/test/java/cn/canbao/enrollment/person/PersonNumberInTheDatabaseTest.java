package cn.canbao.enrollment.person;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.canbao.enrollment.support.EnrollmentTestConfiguration;

/**
 * The identity statements' index is on {@link PersonKey#number()}, written by Java and by the SQL function
 * {@code person_number} (V82: existing rows, SQL writers): both must give every key the same number.
 */
@SpringBootTest(classes = EnrollmentTestConfiguration.class)
class PersonNumberInTheDatabaseTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void javaAndTheDatabaseGiveEveryKindOfKeyTheSameNumber() {
        List<PersonKey> keys = List.of(
                PersonKey.of(IdentityDocument.check(DocumentType.RESIDENT_ID, "11010519491231002X", LocalDate.of(2024, 1, 1)).value(), null),
                new PersonKey("CN340321194001010003"),
                new PersonKey("PPE12345678"),
                new PersonKey("FPUSA150080123456"),
                new PersonKey("BCO123456789"),
                new PersonKey("XS11010519491231002X20240901"),
                new PersonKey("CN11010519491231002x"),
                new PersonKey("护照号码甲乙"));

        for (PersonKey key : keys) {
            assertThat(jdbc.sql("SELECT person_number(:key)").param("key", key.value()).query(Long.class).single())
                    .as(key.value()).isEqualTo(key.number());
        }
    }
}
