package io.fleetopt.collector.aws;

import com.github.tomakehurst.wiremock.WireMockServer;

import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/** Starts WireMock on loopback with the simulated account answering every request not stubbed otherwise. */
public final class SimulatedAccountServer {

    private SimulatedAccountServer() {
    }

    public static WireMockServer start(List<SimulatedFunction> fleet) {
        return start(fleet, 1, false);
    }

    static WireMockServer start(List<SimulatedFunction> fleet, int pollsWhileRunning, boolean quiet) {
        return start(fleet, pollsWhileRunning, quiet, 0);
    }

    /** {@code accountLimit}: the account's concurrency limit (0: 1,000, or what the reservations need). */
    static WireMockServer start(List<SimulatedFunction> fleet, int pollsWhileRunning, boolean quiet, int accountLimit) {
        var config = options().bindAddress("127.0.0.1").dynamicPort()
                .extensions(new SimulatedAwsAccount(fleet, pollsWhileRunning, accountLimit));
        if (quiet) {
            config = config.disableRequestJournal().containerThreads(16);
        }
        WireMockServer server = new WireMockServer(config);
        server.start();
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withTransformers(SimulatedAwsAccount.NAME)));
        return server;
    }

    /** A running simulated account and its server: the account's {@link SimulatedAwsAccount#state()} shows its writes. */
    public record Running(WireMockServer server, SimulatedAwsAccount account) {
    }

    /** Starts an account that takes the applier's and the guard alarms' writes. */
    public static Running startWritable(List<SimulatedFunction> fleet) {
        SimulatedAwsAccount account = new SimulatedAwsAccount(fleet, 1, 0);
        WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().extensions(account));
        server.start();
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withTransformers(SimulatedAwsAccount.NAME)));
        return new Running(server, account);
    }

    public static List<SimulatedFunction> busyFleet(int count) {
        List<SimulatedFunction> fleet = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            fleet.add(SimulatedFunction.busy(String.format("svc-%05d", i), 512, 200, 500));
        }
        return fleet;
    }
}
