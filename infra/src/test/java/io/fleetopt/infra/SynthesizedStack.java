package io.fleetopt.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.lambda.Code;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The stack synthesized once per settings, with cdk-nag's AwsSolutions checks applied, and small stand-in jars. */
public final class SynthesizedStack {

    public final FleetoptStack stack;
    public final Template template;

    private SynthesizedStack(FleetoptStack stack) {
        this.stack = stack;
        this.template = Template.fromStack(stack);
    }

    public static SynthesizedStack of(FleetoptSettings settings, Path workDir) {
        return of(settings, MemberAccountSettings.none(), workDir);
    }

    /** A deployment whose weekly run covers {@code members}. */
    public static SynthesizedStack of(FleetoptSettings settings, MemberAccountSettings members, Path workDir) {
        try {
            Path jars = Files.createDirectories(workDir.resolve("jars"));
            StageCode code = name -> {
                Path jar = jars.resolve(name + "-lambda.jar");
                try {
                    if (!Files.exists(jar)) {
                        Files.writeString(jar, "stand-in for the " + name + " jar");
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return Code.fromAsset(jar.toString());
            };
            App app = new App(AppProps.builder().outdir(workDir.resolve("cdk.out").toString()).build());
            Aspects.of(app).add(AwsSolutionsChecks.Builder.create().verbose(true).build());
            FleetoptStack stack = new FleetoptStack(app, "fleetopt", StackProps.builder()
                    .env(Environment.builder().account("123456789012").region("us-east-1").build()).build(),
                    settings, members, code, repoRoot().resolve("statemachine.asl.json"));
            return new SynthesizedStack(stack);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path repoRoot() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isRegularFile(here.resolve("statemachine.asl.json")) ? here : here.getParent();
    }

    /** The resources of a type, by logical id. */
    @SuppressWarnings("unchecked")
    public Map<String, Map<String, Object>> resources(String type) {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        template.findResources(type).forEach((id, resource) -> found.put(id, (Map<String, Object>) resource));
        return found;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> properties(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }

    /** The statements of every IAM policy attached to the role whose logical id starts with {@code rolePrefix}. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> statementsOfRole(String rolePrefix) {
        return resources("AWS::IAM::Policy").values().stream()
                .filter(policy -> ((List<Object>) properties(policy).get("Roles")).stream()
                        .anyMatch(role -> String.valueOf(((Map<String, Object>) role).get("Ref")).startsWith(rolePrefix)))
                .flatMap(policy -> ((List<Map<String, Object>>) ((Map<String, Object>) properties(policy)
                        .get("PolicyDocument")).get("Statement")).stream())
                .toList();
    }

    @SuppressWarnings("unchecked")
    public static List<String> actions(Map<String, Object> statement) {
        Object action = statement.get("Action");
        return action instanceof List<?> list ? (List<String>) list : List.of(String.valueOf(action));
    }
}
