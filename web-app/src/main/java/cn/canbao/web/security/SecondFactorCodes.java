package cn.canbao.web.security;

import java.time.Clock;
import java.util.OptionalLong;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.canbao.web.user.AppUser;
import cn.canbao.web.user.AppUserRepository;

/**
 * The TOTP secrets and their codes: secrets are stored encrypted (bound to the username), and a code
 * accepted at login or in the settings cannot be used a second time. At start-up, secrets still stored
 * in clear (enrolled before encryption existed) are encrypted in place.
 */
@Service
public class SecondFactorCodes implements ApplicationRunner {

    private final AppUserRepository users;
    private final FieldEncryption encryption;
    private final Clock clock;

    SecondFactorCodes(AppUserRepository users, FieldEncryption encryption, Clock clock) {
        this.users = users;
        this.encryption = encryption;
        this.clock = clock;
    }

    /** Stores a secret the user has proved their app holds (the code of that proof is spent). */
    public void enroll(AppUser user, String base32Secret, long provenStep) {
        user.enrollSecondFactor(encryption.encrypt(base32Secret, context(user)));
        user.acceptSecondFactorStep(provenStep, false);
    }

    /**
     * True when the code is right for the user's secret and its time step was not used before; the
     * step is remembered. The user must be a managed entity inside the caller's transaction.
     */
    public boolean verifyOnce(AppUser user, String code) {
        return verify(user, code, false);
    }

    /**
     * For HTTP Basic programs, which send the code with every call: the code must be right and not
     * older than the last one accepted (the same step may serve a batch of calls within 30 seconds).
     */
    @Transactional
    public boolean verifyForApiCall(String username, String code) {
        return users.findByUsername(username).map(user -> verify(user, code, true)).orElse(false);
    }

    private boolean verify(AppUser user, String code, boolean sameStepAgain) {
        if (!user.hasSecondFactor()) {
            return false;
        }
        OptionalLong step = TotpCalculator.matchingStep(secretOf(user), code, clock.instant());
        return step.isPresent() && user.acceptSecondFactorStep(step.getAsLong(), sameStepAgain);
    }

    private String secretOf(AppUser user) {
        return encryption.decrypt(user.encryptedSecondFactorSecret(), context(user));
    }

    private static String context(AppUser user) {
        return "totp:" + user.username();
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        for (AppUser user : users.findAll()) {
            String stored = user.encryptedSecondFactorSecret();
            if (stored != null && !FieldEncryption.isEncrypted(stored)) {
                user.enrollSecondFactor(encryption.encrypt(stored, context(user)));
            }
        }
    }
}
