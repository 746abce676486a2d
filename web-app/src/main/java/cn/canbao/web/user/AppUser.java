package cn.canbao.web.user;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import cn.canbao.region.RegionCode;

@Entity
@Table(name = "app_user")
public class AppUser {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true)
    private String username;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Role role;

    @Column(name = "region_code", nullable = false)
    private String regionCode;

    @Column(nullable = false)
    private boolean enabled = true;

    @Column(name = "must_change_password", nullable = false)
    private boolean mustChangePassword;

    @Column(name = "failed_logins", nullable = false)
    private int failedLogins;

    @Column(name = "locked_until")
    private Instant lockedUntil;

    @Column(nullable = false)
    private boolean demo;

    /** Encrypted (FieldEncryption, bound to the username); never the Base32 secret in clear. */
    @Column(name = "totp_secret")
    private String totpSecret;

    @Column(name = "totp_last_step")
    private Long totpLastStep;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt = Instant.now();

    protected AppUser() {
    }

    public AppUser(String username, String passwordHash, String displayName, Role role, RegionCode region, boolean demo) {
        this.username = username;
        this.passwordHash = passwordHash;
        this.displayName = displayName;
        this.role = role;
        this.regionCode = region.value();
        this.demo = demo;
    }

    /** Counts a wrong password; the {@code maxFailures}-th in a row locks the account until {@code lockUntil}. */
    public void recordFailedLogin(int maxFailures, Instant lockUntil) {
        failedLogins++;
        if (failedLogins >= maxFailures) {
            lockedUntil = lockUntil;
            failedLogins = 0;
        }
    }

    public void recordSuccessfulLogin() {
        failedLogins = 0;
        lockedUntil = null;
    }

    public boolean isLockedAt(Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }

    public void changePassword(String newPasswordHash) {
        this.passwordHash = newPasswordHash;
        this.mustChangePassword = false;
    }

    /** Stores the TOTP secret as the caller encrypted it. */
    public void enrollSecondFactor(String encryptedSecret) {
        this.totpSecret = encryptedSecret;
        this.totpLastStep = null;
    }

    public void removeSecondFactor() {
        this.totpSecret = null;
        this.totpLastStep = null;
    }

    /** The stored (encrypted) TOTP secret, or null when the user has no second factor. */
    public String encryptedSecondFactorSecret() {
        return totpSecret;
    }

    public boolean hasSecondFactor() {
        return totpSecret != null;
    }

    /**
     * Accepts the time step of a correct code once: a step older than the last accepted one is always
     * refused, the same step again only when {@code sameStepAgain} (HTTP Basic programs send the code
     * with every call of a batch). Returns false for a replayed code.
     */
    public boolean acceptSecondFactorStep(long step, boolean sameStepAgain) {
        if (totpLastStep != null && (step < totpLastStep || (step == totpLastStep && !sameStepAgain))) {
            return false;
        }
        totpLastStep = step;
        return true;
    }

    public Long lastSecondFactorStep() {
        return totpLastStep;
    }

    public void requirePasswordChange() {
        this.mustChangePassword = true;
    }

    public Long id() {
        return id;
    }

    public String username() {
        return username;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public String displayName() {
        return displayName;
    }

    public Role role() {
        return role;
    }

    public RegionCode region() {
        return RegionCode.of(regionCode);
    }

    public boolean isEnabled() {
        return enabled;
    }

    public boolean mustChangePassword() {
        return mustChangePassword;
    }

    public int failedLogins() {
        return failedLogins;
    }

    public Instant lockedUntil() {
        return lockedUntil;
    }

    public boolean isDemo() {
        return demo;
    }
}
