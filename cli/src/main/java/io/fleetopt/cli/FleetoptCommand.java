package io.fleetopt.cli;

import io.fleetopt.collector.aws.CollectionFailedException;
import io.fleetopt.core.json.InvalidDocumentException;
import io.fleetopt.core.local.StateDirBusyException;
import io.fleetopt.core.port.LeaseHeldException;
import software.amazon.awssdk.core.exception.SdkException;
import io.micronaut.configuration.picocli.MicronautFactory;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.InputStream;
import java.io.PrintStream;

/** The fleetopt command: the weekly pipeline's stages, run locally. */
@Command(name = "fleetopt", mixinStandardHelpOptions = true, version = "fleetopt 0.1.0",
        description = {
                "Keeps an AWS account's Lambda fleet lean and safe.",
                "",
                "Finds over-provisioned and under-protected functions, proposes changes with their evidence and "
                        + "dollar value, applies only what you approve, and restores a run's changes on request. "
                        + "Start with the built-in demo account (no AWS credentials needed):",
                "",
                "  ./fleetopt run --demo       the whole weekly run, asking you to approve",
                "  ./fleetopt plan --demo      read-only: what would change and why",
                "",
                "On your own account (read-only, with your AWS credentials):",
                "",
                "  ./fleetopt plan --region us-east-1 [--profile NAME] [--scope-tag team=payments]",
                ""},
        subcommands = {RunCommand.class, PlanCommand.class, CollectCommand.class, ApplyCommand.class, RollbackCommand.class, ReportCommand.class,
                ReviewCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 done, 1 some items failed, 2 bad input (nothing was changed), 3 the AWS account could "
                + "not be read, 70 unexpected error."})
public final class FleetoptCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args, System.out, System.err, System.in));
    }

    /** Runs the command line with the given streams; returns the exit code. */
    public static int execute(String[] args, PrintStream out, PrintStream err, InputStream in) {
        try (ApplicationContext context = ApplicationContext.builder(FleetoptCommand.class, Environment.CLI).start()) {
            context.registerSingleton(new Terminal(out, err, in));
            CommandLine commandLine = new CommandLine(FleetoptCommand.class, new MicronautFactory(context));
            commandLine.setOut(new java.io.PrintWriter(out, true));
            commandLine.setErr(new java.io.PrintWriter(err, true));
            commandLine.setExecutionExceptionHandler((failure, cmd, parsed) -> {
                if (failure instanceof UsageException || failure instanceof InvalidDocumentException
                        || failure instanceof IllegalArgumentException || failure instanceof StateDirBusyException) {
                    cmd.getErr().println("fleetopt: " + failure.getMessage());
                    return 2;
                }
                if (failure instanceof LeaseHeldException held) {
                    cmd.getErr().println("fleetopt: " + held.holderRunId() + " holds the account's run lease until "
                            + held.expiresAt() + " (it is changing this account); nothing was changed: try again after it");
                    return 2;
                }
                if (failure instanceof StackOutputs.StackAccessDeniedException) {
                    cmd.getErr().println("fleetopt: " + failure.getMessage());
                    return 3;
                }
                if (failure instanceof CollectionFailedException || failure instanceof SdkException) {
                    cmd.getErr().println("fleetopt: could not read the AWS account: " + failure.getMessage());
                    return 3;
                }
                cmd.getErr().println("fleetopt: unexpected error: " + failure);
                failure.printStackTrace(cmd.getErr());
                return 70;
            });
            return commandLine.execute(args);
        }
    }
}
