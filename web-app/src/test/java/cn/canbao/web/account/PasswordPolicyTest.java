package cn.canbao.web.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    @Test
    void acceptsEightCharactersFromThreeClasses() {
        assertThat(PasswordPolicy.violations("Huaiyuan2025", "yinfeng.worker")).isEmpty();
        assertThat(PasswordPolicy.violations("abc-1234", "x")).isEmpty();
    }

    @Test
    void refusesShortPasswordsAndTooFewClassesWithEveryReason() {
        assertThat(PasswordPolicy.violations("Ab1", "x")).containsExactly("password.rule.length");
        assertThat(PasswordPolicy.violations("abcdefgh", "x")).containsExactly("password.rule.classes");
        assertThat(PasswordPolicy.violations("abcd", "x")).containsExactly("password.rule.length", "password.rule.classes");
    }

    @Test
    void refusesPasswordsContainingTheUsername() {
        assertThat(PasswordPolicy.violations("Admin@2025", "admin")).containsExactly("password.rule.username");
    }
}
