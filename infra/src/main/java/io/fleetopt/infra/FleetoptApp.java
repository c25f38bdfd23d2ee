package io.fleetopt.infra;

import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CDK app: {@code cdk synth} / {@code cdk deploy} from {@code infra/} (see infra/README.md). Settings come
 * from context values; the stage jars from each module's {@code target/}; the template goes to {@code infra/cdk.out}.
 */
public final class FleetoptApp {

    private FleetoptApp() {
    }

    public static void main(String[] args) {
        Path repoRoot = repoRoot();
        App app = new App(AppProps.builder().outdir(System.getenv().getOrDefault("CDK_OUTDIR",
                repoRoot.resolve("infra").resolve("cdk.out").toString())).build());
        String region = System.getenv().getOrDefault("CDK_DEFAULT_REGION", "us-east-1");
        if (app.getNode().tryGetContext("managementAccount") != null) {
            // the member stack alone (cdk synth -c managementAccount=... -c externalId=...): deployed to each member account
            MemberStackSettings member = MemberStackSettings.fromContext(key -> app.getNode().tryGetContext(key), region);
            new MemberStack(app, "fleetopt-member", StackProps.builder().stackName("fleetopt-member")
                    .description("fleetopt member role: lets the fleetopt stack of account " + member.managementAccount()
                            + " read this account's Lambda fleet and apply approved changes in scope").build(), member);
            // the forwarding alone, for the scope's other regions (the rule sees its own region's alarms only)
            new MemberAlarmForwardingStack(app, "fleetopt-member-alarms", StackProps.builder().stackName("fleetopt-member-alarms")
                    .description("fleetopt: forwards this region's guard alarm state changes to the fleetopt stack of account "
                            + member.managementAccount()).build(), member);
            app.synth();
            return;
        }
        FleetoptSettings settings = FleetoptSettings.fromContext(key -> app.getNode().tryGetContext(key), region);
        String stackName = String.valueOf(app.getNode().tryGetContext("stackName") == null ? "fleetopt"
                : app.getNode().tryGetContext("stackName"));
        new FleetoptStack(app, stackName, StackProps.builder()
                .stackName(stackName)
                .description("fleetopt: weekly optimizer of this account's Lambda fleet")
                .env(Environment.builder()
                        .account(System.getenv("CDK_DEFAULT_ACCOUNT"))
                        .region(region)
                        .build())
                .build(),
                settings, MemberAccountSettings.fromContext(key -> app.getNode().tryGetContext(key)),
                StageCode.builtJars(repoRoot), repoRoot.resolve("statemachine.asl.json"));
        app.synth();
    }

    /** The repository root: the folder above infra/, whether the app runs from infra/ or from the root. */
    static Path repoRoot() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isRegularFile(here.resolve("statemachine.asl.json")) ? here : here.getParent();
    }
}
