package cn.canbao.subsidy.whatif;

import java.util.HashMap;
import java.util.Map;

import cn.canbao.money.Money;
import cn.canbao.policy.effective.EffectivePolicy;
import cn.canbao.policy.effective.PolicyCatalog;
import cn.canbao.policy.effective.Sourced;
import cn.canbao.policy.file.PolicyFile.FiscalRules;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * An in-memory copy of the policy with another government subsidy standard, so the policy's own fiscal split
 * calculator can size a what-if. The stored policy is never touched: the changed file exists only in the copy, and
 * its citation says it is an assumption.
 */
final class FiscalStandardOverride {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private FiscalStandardOverride() {
    }

    static EffectivePolicy withStandard(PolicyCatalog catalog, EffectivePolicy policy, Money standard) {
        Sourced<FiscalRules> fiscal = policy.fiscalSourced().orElseThrow(() ->
                new IllegalArgumentException("the policy of " + policy.region() + " " + policy.coverageYear() + " has no fiscal rules"));
        Map<String, String> contents = new HashMap<>(catalog.contents());
        String fileName = fiscal.fromFile();
        ObjectNode root = (ObjectNode) YAML.readTree(contents.get(fileName));
        ObjectNode rules = (ObjectNode) root.get("fiscal");
        rules.remove("standardNotGiven");
        ObjectNode amount = rules.putObject("standard");
        amount.put("amount", standard.toString());
        ObjectNode cite = amount.putObject("cite");
        cite.put("doc", "what-if");
        cite.put("clause", "assumption");
        cite.put("quote", "假设财政补助标准为每人 " + standard + " 元（未保存）");
        JsonNode changed = root;
        contents.put(fileName, YAML.writeValueAsString(changed));
        return PolicyCatalog.of(contents).effective(policy.region(), policy.coverageYear()).orElseThrow();
    }
}
