package io.fleetopt.core.pricing;

/**
 * How a function's duration follows its memory: a fixed part (waiting on the network, a database, another service)
 * and a CPU part that scales with 1/vCPU ({@link LambdaCpu}). At {@code atMemoryMb}, {@code cpuShare} of the duration
 * is the CPU part, so at memory m:
 * <pre>duration(m) = duration(m0) x ((1 - cpuShare) + cpuShare x cpu(m0) / cpu(m))</pre>
 * The same factor applies to every invocation, so to the average, p50 and p99 alike.
 *
 * @param cpuShare   the part of the duration at {@code atMemoryMb} that scales with 1/vCPU, 0 to 1
 * @param atMemoryMb the memory the share is stated at
 */
public record DurationModel(double cpuShare, int atMemoryMb) {

    public DurationModel {
        if (Double.isNaN(cpuShare) || cpuShare < 0 || cpuShare > 1) {
            throw new IllegalArgumentException("cpuShare is " + cpuShare + ", must be 0 to 1");
        }
        LambdaCpu.vcpus(atMemoryMb);
    }

    /** The worst case without evidence: all of the duration is CPU. */
    public static DurationModel allCpu(int atMemoryMb) {
        return new DurationModel(1.0, atMemoryMb);
    }

    /** duration(toMb) / duration(atMemoryMb). */
    public double slowdown(int toMb) {
        return (1 - cpuShare) + cpuShare * LambdaCpu.cpuRatio(atMemoryMb, toMb);
    }

    /** The duration at {@code toMb} of a function that runs {@code durationMs} at {@code atMemoryMb}. */
    public double durationMs(double durationMs, int toMb) {
        return durationMs * slowdown(toMb);
    }

    /** The same function, its share stated at {@code memoryMb} (the CPU part grows as memory falls). */
    public DurationModel at(int memoryMb) {
        double cpuPart = cpuShare * LambdaCpu.cpuRatio(atMemoryMb, memoryMb);
        double total = (1 - cpuShare) + cpuPart;
        return new DurationModel(total <= 0 ? 0 : Math.min(1.0, cpuPart / total), memoryMb);
    }
}
