package io.fleetopt.core.pricing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Lambda's vCPU share per memory and the duration model built on it. */
class DurationModelTest {

    @ParameterizedTest(name = "{0} MB -> {1} vCPU")
    @CsvSource({"1769, 1.0", "3538, 2.0", "128, 0.0724", "3008, 1.7004", "10240, 5.7886"})
    void givesOneVcpuAt1769MbInProportionToMemory(int memoryMb, double vcpus) {
        assertEquals(vcpus, LambdaCpu.vcpus(memoryMb), 1e-4);
    }

    @Test
    void refusesAMemoryLambdaDoesNotHave() {
        assertThrows(IllegalArgumentException.class, () -> LambdaCpu.vcpus(64));
        assertThrows(IllegalArgumentException.class, () -> LambdaCpu.vcpus(10_241));
    }

    @ParameterizedTest(name = "{0} of duration CPU at {1} MB, at {2} MB: x{3}")
    @CsvSource({
            "0.0, 3008, 256,  1.0",      // waits only: the same at any memory
            "1.0, 3008, 1504, 2.0",      // all CPU: half the vCPU, twice as long
            "0.4, 3008, 1504, 1.4",      // 0.6 + 0.4 x 2
            "0.5, 1024, 2048, 0.75",     // more memory: the CPU part halves
    })
    void scalesOnlyTheCpuPartWithOneOverVcpu(double cpuShare, int atMb, int toMb, double slowdown) {
        assertEquals(slowdown, new DurationModel(cpuShare, atMb).slowdown(toMb), 1e-9);
    }

    @Test
    void statesTheSameFunctionAtAnotherMemory() {
        DurationModel at3008 = new DurationModel(0.4, 3008);
        DurationModel at1504 = at3008.at(1504);
        // at 1,504 MB the CPU part is 0.8 of the 1.4 it takes: 57 %
        assertEquals(0.8 / 1.4, at1504.cpuShare(), 1e-9);
        assertEquals(at3008.slowdown(752) / at3008.slowdown(1504), at1504.slowdown(752), 1e-9);
    }

    @Test
    void refusesAShareOutsideZeroToOne() {
        assertThrows(IllegalArgumentException.class, () -> new DurationModel(1.1, 1024));
        assertThrows(IllegalArgumentException.class, () -> new DurationModel(Double.NaN, 1024));
    }
}
