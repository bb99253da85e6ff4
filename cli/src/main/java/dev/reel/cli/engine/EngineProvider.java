package dev.reel.cli.engine;

/**
 * Makes the Flink engine. Implemented by the scale-out module and found with {@link java.util.ServiceLoader}
 * only when {@code --engine flink} or {@code --flink-master} is given, so no other command loads (or
 * even needs on its class path) any Flink class.
 */
public interface EngineProvider {
    /**
     * @param master      HOST:PORT of a running cluster, or null for an embedded MiniCluster
     * @param parallelism slots of the embedded cluster / parallelism of the work operator
     */
    Engine create(String master, int parallelism) throws Exception;
}
