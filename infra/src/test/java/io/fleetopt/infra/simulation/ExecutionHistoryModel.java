package io.fleetopt.infra.simulation;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The events and state transitions of an execution, from the definition's structure: the path from StartAt
 * (a Choice taking the branch it is given), and per state type the history events Step Functions writes for it
 * when it succeeds first time: Pass, Choice, Succeed 2 (entered, exited); a Lambda Task 5 (entered, scheduled,
 * started, succeeded, exited); a Distributed Map 6 in the parent (entered, started, map run started, map run
 * succeeded, succeeded, exited), whatever its item count, its items running as child executions with their own
 * histories; an execution 2 more (started, succeeded). Each state entered is one billed transition. Retries add 3
 * events and 1 transition each; a run without failures has none.
 */
final class ExecutionHistoryModel {

    /** One execution's path: the states it enters, its events and transitions. */
    record Path(List<String> states, int events, int transitions) {
    }

    private static final JsonMapper JSON = JsonMapper.createDefault();
    private final Map<String, Object> definition;

    ExecutionHistoryModel(java.nio.file.Path file) throws IOException {
        this.definition = JSON.readValue(Files.readAllBytes(file), Argument.mapOf(String.class, Object.class));
    }

    /** The parent execution's path; {@code choose} names the branch each Choice state takes. */
    Path parent(Function<String, String> choose) {
        return walk(definition, choose);
    }

    /** A child execution of the Distributed Map state {@code mapState}: its ItemProcessor from its StartAt. */
    @SuppressWarnings("unchecked")
    Path child(String mapState) {
        Map<String, Object> map = state(definition, mapState);
        return walk((Map<String, Object>) map.get("ItemProcessor"), choice -> {
            throw new IllegalStateException("no Choice expected in " + mapState);
        });
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> state(Map<String, Object> machine, String name) {
        Map<String, Object> state = (Map<String, Object>) ((Map<String, Object>) machine.get("States")).get(name);
        if (state == null) {
            throw new IllegalStateException("no state " + name);
        }
        return state;
    }

    Map<String, Object> definition() {
        return definition;
    }

    @SuppressWarnings("unchecked")
    private Path walk(Map<String, Object> machine, Function<String, String> choose) {
        List<String> states = new ArrayList<>();
        int events = 2;
        String name = (String) machine.get("StartAt");
        while (name != null) {
            Map<String, Object> state = state(machine, name);
            states.add(name);
            String type = (String) state.get("Type");
            events += switch (type) {
                case "Pass", "Choice", "Succeed", "Fail", "Wait" -> 2;
                case "Task" -> 5;
                case "Map" -> {
                    Map<String, Object> config = (Map<String, Object>) ((Map<String, Object>) state.get("ItemProcessor")).get("ProcessorConfig");
                    if (config == null || !"DISTRIBUTED".equals(config.get("Mode"))) {
                        throw new IllegalStateException(name + ": an inline Map's events grow with its items; this model counts a Distributed Map");
                    }
                    yield 6;
                }
                default -> throw new IllegalStateException(name + ": no event count for a " + type + " state");
            };
            if (Boolean.TRUE.equals(state.get("End")) || "Succeed".equals(type) || "Fail".equals(type)) {
                break;
            }
            name = "Choice".equals(type) ? choose.apply(name) : (String) state.get("Next");
        }
        return new Path(List.copyOf(states), events, states.size());
    }
}
