package cn.canbao.web.resident;

import java.time.LocalDate;

import org.springframework.format.annotation.DateTimeFormat;

import cn.canbao.enrollment.person.DocumentType;
import cn.canbao.enrollment.person.Sex;
import cn.canbao.enrollment.resident.Resident;
import cn.canbao.enrollment.resident.ResidentForm;
import cn.canbao.policy.ParticipantCategory;

/** The register/edit form as the browser posts it; field names match ResidentForm so errors land next to inputs. */
public class ResidentFormData {

    private String name;
    private DocumentType documentType = DocumentType.RESIDENT_ID;
    private String documentNumber;
    private Sex sex;
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate birthDate;
    private Long householdId;
    private String relationToHead;
    private String hukouRegionCode;
    private String regionCode;
    private ParticipantCategory category = ParticipantCategory.RESIDENT;
    private String phone;
    private String school;
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate diedOn;

    ResidentForm toForm() {
        return new ResidentForm(name, documentType, documentNumber, sex, birthDate, householdId, relationToHead, hukouRegionCode,
                regionCode, category, phone, school, diedOn);
    }

    /** Pre-fills an edit form; the document number is not sent back to the browser (it is re-entered only to change it). */
    static ResidentFormData of(Resident r) {
        ResidentFormData d = new ResidentFormData();
        d.name = r.name();
        d.documentType = r.document().type();
        d.sex = r.sex();
        d.birthDate = r.birthDate();
        d.householdId = r.householdId();
        d.relationToHead = r.relationToHead();
        d.hukouRegionCode = r.hukouRegionCode();
        d.regionCode = r.regionCode();
        d.category = r.category();
        d.school = r.school();
        d.diedOn = r.diedOn();
        return d;
    }

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public DocumentType getDocumentType() { return documentType; }
    public void setDocumentType(DocumentType documentType) { this.documentType = documentType; }
    public String getDocumentNumber() { return documentNumber; }
    public void setDocumentNumber(String documentNumber) { this.documentNumber = documentNumber; }
    public Sex getSex() { return sex; }
    public void setSex(Sex sex) { this.sex = sex; }
    public LocalDate getBirthDate() { return birthDate; }
    public void setBirthDate(LocalDate birthDate) { this.birthDate = birthDate; }
    public Long getHouseholdId() { return householdId; }
    public void setHouseholdId(Long householdId) { this.householdId = householdId; }
    public String getRelationToHead() { return relationToHead; }
    public void setRelationToHead(String relationToHead) { this.relationToHead = relationToHead; }
    public String getHukouRegionCode() { return hukouRegionCode; }
    public void setHukouRegionCode(String hukouRegionCode) { this.hukouRegionCode = hukouRegionCode; }
    public String getRegionCode() { return regionCode; }
    public void setRegionCode(String regionCode) { this.regionCode = regionCode; }
    public ParticipantCategory getCategory() { return category; }
    public void setCategory(ParticipantCategory category) { this.category = category; }
    public String getPhone() { return phone; }
    public void setPhone(String phone) { this.phone = phone; }
    public String getSchool() { return school; }
    public void setSchool(String school) { this.school = school; }
    public LocalDate getDiedOn() { return diedOn; }
    public void setDiedOn(LocalDate diedOn) { this.diedOn = diedOn; }
}
