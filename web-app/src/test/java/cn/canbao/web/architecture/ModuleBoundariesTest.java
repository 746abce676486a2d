package cn.canbao.web.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering of the modules, checked on the compiled classes of all of them: the web app depends
 * on the domain modules, never the reverse, and the domain modules only downwards
 * (policy-rules at the bottom, then enrollment-core, then subsidy-engine and collection-tracking).
 * Calculators are pure: no Spring, no JPA, no servlet API.
 */
@AnalyzeClasses(packages = "cn.canbao", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleBoundariesTest {

    private static final String WEB = "cn.canbao.web..";
    private static final String[] POLICY_RULES = {"cn.canbao.policy..", "cn.canbao.region..", "cn.canbao.money.."};
    private static final String ENROLLMENT = "cn.canbao.enrollment..";
    private static final String SUBSIDY = "cn.canbao.subsidy..";
    private static final String COLLECTION = "cn.canbao.collection..";

    @ArchTest
    static final ArchRule domainModulesNeverDependOnTheWebApp = noClasses()
            .that().resideOutsideOfPackages(WEB, "cn.canbao")
            .should().dependOnClassesThat().resideInAPackage(WEB);

    @ArchTest
    static final ArchRule policyRulesDependOnNoOtherModule = noClasses()
            .that().resideInAnyPackage(POLICY_RULES)
            .should().dependOnClassesThat().resideInAnyPackage(ENROLLMENT, SUBSIDY, COLLECTION, "cn.canbao.tabular..",
                    "cn.canbao.audit..");

    @ArchTest
    static final ArchRule enrollmentDependsNeitherOnSubsidyNorOnCollection = noClasses()
            .that().resideInAnyPackage(ENROLLMENT, "cn.canbao.tabular..", "cn.canbao.audit..")
            .should().dependOnClassesThat().resideInAnyPackage(SUBSIDY, COLLECTION);

    @ArchTest
    static final ArchRule subsidyAndCollectionAreIndependentOfEachOther = noClasses()
            .that().resideInAPackage(SUBSIDY)
            .should().dependOnClassesThat().resideInAPackage(COLLECTION);

    @ArchTest
    static final ArchRule collectionIsIndependentOfSubsidy = noClasses()
            .that().resideInAPackage(COLLECTION)
            .should().dependOnClassesThat().resideInAPackage(SUBSIDY);

    @ArchTest
    static final ArchRule calculatorsAndValueObjectsArePlainJava = noClasses()
            .that().haveSimpleNameEndingWith("Calculator")
            .or().resideInAPackage("cn.canbao.money..")
            .or().haveFullyQualifiedName("cn.canbao.region.RegionCode")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.persistence..",
                    "jakarta.servlet..", "org.hibernate..");
}
