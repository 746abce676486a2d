package cn.canbao.web.audit;

import org.springframework.stereotype.Component;

import cn.canbao.enrollment.person.Masking;
import cn.canbao.region.RegionCode;
import cn.canbao.web.security.FieldEncryption;
import cn.canbao.web.security.RegionAccess;

/**
 * ID numbers and phone numbers as pages show them: masked, with a sealed reference (AES-GCM, bound to
 * the viewing user) that the reveal form sends back with a reason. The page never carries the full
 * value; {@link RevealController} opens the reference, checks the region again and audits the view.
 * Templates reach it as {@code @personalData}.
 */
@Component("personalData")
public class PersonalData {

    /** What kind of value a reference holds. */
    public enum Kind {
        ID_NUMBER,
        PHONE
    }

    /** An opened reference: what, of which region, and the full value. */
    public record Sealed(Kind kind, RegionCode region, String value) {
    }

    private final FieldEncryption encryption;
    private final RegionAccess access;

    PersonalData(FieldEncryption encryption, RegionAccess access) {
        this.encryption = encryption;
        this.access = access;
    }

    public String maskedId(String idNumber) {
        return Masking.maskDocumentNumber(idNumber);
    }

    public String maskedPhone(String phone) {
        return Masking.maskPhone(phone);
    }

    /** A reference to the full value for the current user only; the region is checked again on reveal. */
    public String seal(String kind, String value, String regionCode) {
        Kind k = Kind.valueOf(kind);
        RegionCode region = RegionCode.of(regionCode);
        return encryption.encrypt(k.name() + "\n" + region.value() + "\n" + value, context());
    }

    /** Opens a reference sealed for the current user; IllegalArgumentException for anything else. */
    public Sealed open(String reference) {
        String[] parts = encryption.decrypt(reference, context()).split("\n", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a reference to personal data");
        }
        return new Sealed(Kind.valueOf(parts[0]), RegionCode.of(parts[1]), parts[2]);
    }

    private String context() {
        return "reveal:" + access.currentUser().getUsername();
    }
}
