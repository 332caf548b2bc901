package io.triadwatch.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Components report their health here; {@code /health} lists them all and {@code /ready} is UP
 * only when every readiness component is. A check that throws is reported DOWN with the
 * exception's message: health reporting itself never fails.
 */
public final class HealthRegistry {
    private final Map<String, Registration> components = new ConcurrentHashMap<>();

    private record Registration(Supplier<ComponentHealth> check, boolean gatesReadiness) {
    }

    /**
     * Registers or replaces a component.
     *
     * @param name           shown in the report, e.g. {@code analyzer}
     * @param check          called on every request; should be cheap
     * @param gatesReadiness true when the process is not ready while this component is down
     */
    public void register(String name, Supplier<ComponentHealth> check, boolean gatesReadiness) {
        components.put(name, new Registration(check, gatesReadiness));
    }

    /** Removes a component (e.g. when its service stops). */
    public void unregister(String name) {
        components.remove(name);
    }

    /** @return every component's health, by name, in name order */
    public Map<String, ComponentHealth> health() {
        return evaluate(false);
    }

    /** @return the readiness-gating components' health, by name */
    public Map<String, ComponentHealth> readiness() {
        return evaluate(true);
    }

    /** @return true when every component in {@code report} is up */
    public static boolean allUp(Map<String, ComponentHealth> report) {
        return report.values().stream().allMatch(ComponentHealth::up);
    }

    private Map<String, ComponentHealth> evaluate(boolean readinessOnly) {
        Map<String, ComponentHealth> report = new LinkedHashMap<>();
        components.entrySet().stream()
                .filter(e -> !readinessOnly || e.getValue().gatesReadiness())
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> report.put(e.getKey(), safely(e.getValue().check())));
        return report;
    }

    private static ComponentHealth safely(Supplier<ComponentHealth> check) {
        try {
            ComponentHealth health = check.get();
            return health == null ? ComponentHealth.down("check returned nothing") : health;
        } catch (RuntimeException e) {
            return ComponentHealth.down("check failed: " + e);
        }
    }
}
