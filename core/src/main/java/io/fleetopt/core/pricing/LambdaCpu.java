package io.fleetopt.core.pricing;

/**
 * Lambda's CPU per memory: "Lambda allocates CPU power in proportion to the amount of memory configured. At
 * 1,769 MB, a function has the equivalent of one vCPU (one vCPU-second of credits per second)", up to 6 vCPUs at
 * the 10,240 MB maximum (AWS Lambda Developer Guide, "Configure Lambda function memory"). The share is linear in
 * memory over the whole range: 0.5 vCPU at 884.5 MB, 5.79 at 10,240 MB (six cores, credited at 5.79).
 */
public final class LambdaCpu {

    public static final int ONE_VCPU_MB = 1769;
    public static final int MIN_MEMORY_MB = 128;
    public static final int MAX_MEMORY_MB = 10_240;
    public static final double MAX_VCPUS = 6.0;

    private LambdaCpu() {
    }

    /** The vCPU share at {@code memoryMb}, in vCPU-seconds per second. */
    public static double vcpus(int memoryMb) {
        if (memoryMb < MIN_MEMORY_MB || memoryMb > MAX_MEMORY_MB) {
            throw new IllegalArgumentException("memory is " + memoryMb + " MB, must be " + MIN_MEMORY_MB + " to " + MAX_MEMORY_MB + " MB");
        }
        return Math.min(MAX_VCPUS, (double) memoryMb / ONE_VCPU_MB);
    }

    /** How many times more CPU the function had at {@code fromMb} than it has at {@code toMb}: cpu(from) / cpu(to). */
    public static double cpuRatio(int fromMb, int toMb) {
        return vcpus(fromMb) / vcpus(toMb);
    }
}
