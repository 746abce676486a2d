package cn.canbao.web.population;

import java.nio.file.Path;
import java.util.Map;

/**
 * Command line for the synthetic population:
 * {@code java -cp ... cn.canbao.web.population.GeneratePopulation --residents=1000000 --seed=42 --root=340321 --year=2025 --out=target/population}
 * or through Maven: {@code ./mvnw -B -q -pl web-app -am -Pgenerate process-classes -Dpopulation.residents=1000000}.
 */
public final class GeneratePopulation {

    private GeneratePopulation() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = PopulationSpec.options(args);
        Path out = Path.of(options.getOrDefault("out", "target/population"));
        options.remove("out");
        PopulationSpec spec = PopulationSpec.parse(options);
        long started = System.nanoTime();
        PopulationGenerator.Result result = PopulationGenerator.generate(spec, out);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("Generated %,d residents below %s (seed %d, coverage year %d) into %s in %.1f s%n", spec.residents(), spec.root(),
                spec.seed(), spec.coverageYear(), out.toAbsolutePath(), seconds);
        result.rows().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> System.out.printf("  %-40s %,12d rows  %s%n", e.getKey(), e.getValue(), result.sha256().get(e.getKey())));
        System.out.println("  combined sha256 " + result.combinedSha256());
    }
}
