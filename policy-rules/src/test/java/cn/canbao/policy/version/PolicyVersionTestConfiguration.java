package cn.canbao.policy.version;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** Boots the database (embedded PostgreSQL with all migrations) and the policy version auto-configuration. */
@SpringBootConfiguration
@EnableAutoConfiguration
class PolicyVersionTestConfiguration {
}
