package io.fleetopt.infra.statemachine;

import io.fleetopt.notifier.approval.TaskCallback;
import io.fleetopt.notifier.approval.TaskEndedException;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Step Functions' side of a waitForTaskToken task in the local runner (which has none): the tokens that wait, and
 * the one answer each gets, as SendTaskHeartbeat / SendTaskSuccess / SendTaskFailure would see them.
 */
final class BridgeTasks implements TaskCallback {

    record Answer(String output, String error, String cause) {
    }

    private final Set<String> waiting = new HashSet<>();
    private final Map<String, Answer> answers = new HashMap<>();

    synchronized void waitFor(String token) {
        waiting.add(token);
    }

    synchronized Answer answerOf(String token) {
        Answer answer = answers.get(token);
        if (answer == null) {
            throw new IllegalStateException("the review page did not answer task " + token);
        }
        return answer;
    }

    @Override
    public synchronized boolean isWaiting(String taskToken) {
        return waiting.contains(taskToken);
    }

    @Override
    public synchronized void succeed(String taskToken, String outputJson) {
        answer(taskToken, new Answer(outputJson, null, null));
    }

    @Override
    public synchronized void fail(String taskToken, String error, String cause) {
        answer(taskToken, new Answer(null, error, cause));
    }

    private void answer(String taskToken, Answer answer) {
        if (!waiting.remove(taskToken)) {
            throw new TaskEndedException("task " + taskToken + " does not wait", null);
        }
        answers.put(taskToken, answer);
    }
}
