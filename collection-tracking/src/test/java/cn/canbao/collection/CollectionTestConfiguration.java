package cn.canbao.collection;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.ComponentScan;

/** The collection module's beans on the real embedded PostgreSQL with every Flyway migration applied. */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan("cn.canbao.collection")
public class CollectionTestConfiguration {
}
