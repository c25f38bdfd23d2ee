// Executes statemachine.asl.json once with aws-local-stepfunctions, every Task state routed to a loopback HTTP
// bridge that calls the real Java handlers (started by the JUnit test). Reads one JSON request on stdin:
//   { definitionPath, substitutions: {name: value}, executionName, input, bridgeUrl }
// and prints one JSON line: { status: "SUCCEEDED" | "FAILED", output?, error?, cause? }.
// The bridge answers { output } or { errorType, errorMessage } (thrown with that error name, as Lambda reports
// a function error), or { pending: true }: the task never answers, and the state's own timeout decides.
import { readFileSync } from 'node:fs';
import { StateMachine } from 'aws-local-stepfunctions';

const request = JSON.parse(readFileSync(0, 'utf8'));
let text = readFileSync(request.definitionPath, 'utf8');
for (const [name, value] of Object.entries(request.substitutions)) {
  text = text.split('${' + name + '}').join(value);
}
const unfilled = text.match(/\$\{[A-Za-z0-9]+\}/g);
if (unfilled) {
  throw new Error('no value for the substitutions ' + [...new Set(unfilled)].join(', '));
}
const definition = JSON.parse(text);

// aws-local-stepfunctions 3.0.0 runs every Map as an inline Map over ItemsPath: it has no ItemReader, ResultWriter,
// ItemBatcher, ToleratedFailurePercentage or child executions. A Distributed Map is run here as three states that do
// what the service does around the same ItemProcessor: <Map>.ItemReader (a Task the bridge answers with the lines of
// the S3 object the ItemReader names, read through the artifact store), the Map inline over them, and
// <Map>.ResultWriter (a Task the bridge answers by writing the manifest and result files in Step Functions' format,
// returning the { MapRunArn, ResultWriterDetails } the service returns, or failing the Map with
// States.ExceedToleratedFailureThreshold when more children failed than its tolerated failure percentage). The items and then the children's outputs
// pass through the Map's own ResultPath, which the ResultWriter's answer then replaces, so the state stays as small
// as the service keeps it. What this does not emulate (pending children,
// Express children's limits, batching) is tested at the handler level: see docs/emulator-gaps.md.
const bridgeRoutes = {};
function emulateDistributedMaps(states) {
  for (const [name, state] of Object.entries({ ...states })) {
    const mode = state.ItemProcessor?.ProcessorConfig?.Mode;
    if (state.Type !== 'Map' || mode !== 'DISTRIBUTED') continue;
    const reader = `${name}.ItemReader`;
    const map = `${name}.Map`;
    const writer = `${name}.ResultWriter`;
    bridgeRoutes[name] = reader;
    states[name] = {
      Type: 'Task', Resource: `arn:aws:lambda:us-east-1:123456789012:function:emulated-${name}-ItemReader`, Parameters: state.ItemReader.Parameters,
      ResultPath: state.ResultPath, Next: map, Catch: state.Catch,
    };
    // Each child runs as a branch of its own: a child that fails (an error its states do not catch) does not fail the
    // Map, as a child execution's failure does not fail a Distributed Map; it ends as {childFailed: {Error, Cause},
    // input}, which the ResultWriter lists as FAILED and counts against the tolerated failure percentage.
    const child = `${name}.Child`;
    const childFailed = `${name}.ChildFailed`;
    const { ProcessorConfig, ...processor } = state.ItemProcessor;
    states[map] = {
      Type: 'Map', ItemsPath: state.ResultPath, ItemSelector: state.ItemSelector, MaxConcurrency: state.MaxConcurrency,
      ItemProcessor: {
        ProcessorConfig: { Mode: 'INLINE' }, StartAt: child,
        States: {
          [child]: {
            Type: 'Parallel', Branches: [processor], OutputPath: '$[0]', End: true,
            Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.emulatedChildFailure', Next: childFailed }],
          },
          [childFailed]: { Type: 'Pass', Parameters: { 'childFailed.$': '$.emulatedChildFailure', 'input.$': '$' }, End: true },
        },
      },
      ResultPath: state.ResultPath, Next: writer, Catch: state.Catch,
    };
    const tolerated = state.ToleratedFailurePercentagePath
      ? { 'toleratedFailurePercentage.$': state.ToleratedFailurePercentagePath }
      : { toleratedFailurePercentage: state.ToleratedFailurePercentage ?? 0 };
    states[writer] = {
      Type: 'Task', Resource: `arn:aws:lambda:us-east-1:123456789012:function:emulated-${name}-ResultWriter`,
      Parameters: { ...state.ResultWriter.Parameters, 'results.$': state.ResultPath, ...tolerated },
      ResultPath: state.ResultPath, Catch: state.Catch,
      ...(state.Next ? { Next: state.Next } : { End: true }),
    };
  }
}
emulateDistributedMaps(definition.States);

function taskStateNames(states, names = []) {
  for (const [name, state] of Object.entries(states)) {
    if (state.Type === 'Task') names.push(name);
    const processor = state.ItemProcessor ?? state.Iterator;
    if (processor) taskStateNames(processor.States, names);
    for (const branch of state.Branches ?? []) taskStateNames(branch.States, names);
  }
  return names;
}

function routeToBridge(stateName) {
  return async (input) => {
    const response = await fetch(`${request.bridgeUrl}/tasks/${stateName}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input),
    });
    const answer = await response.json();
    if (answer.pending) {
      return new Promise(() => {});
    }
    if (answer.errorType) {
      const error = new Error(answer.errorMessage ?? '');
      error.name = answer.errorType;
      throw error;
    }
    return answer.output;
  };
}

const names = taskStateNames(definition.States);
const taskResourceLocalHandlers = Object.fromEntries(names.map((name) => [name, routeToBridge(bridgeRoutes[name] ?? name)]));
// Retries keep their count; the pauses between them are left out to keep the test fast.
const retryIntervalOverrides = Object.fromEntries(names.map((name) => [name, 0]));

const machine = new StateMachine(definition);
const execution = machine.run(request.input, {
  overrides: { taskResourceLocalHandlers, retryIntervalOverrides },
  context: {
    Execution: {
      Id: `arn:aws:states:us-east-1:123456789012:execution:fleetopt-weekly-run:${request.executionName}`,
      Name: request.executionName,
    },
    StateMachine: { Id: 'arn:aws:states:us-east-1:123456789012:stateMachine:fleetopt-weekly-run', Name: 'fleetopt-weekly-run' },
    Task: { Token: `local-task-token-${request.executionName}` },
  },
});
try {
  const output = await execution.result;
  process.stdout.write(JSON.stringify({ status: 'SUCCEEDED', output }) + '\n');
} catch (failure) {
  // aws-local-stepfunctions wraps what failed the execution (a Fail state's Error and Cause, or an uncaught error)
  const error = failure.name === 'ExecutionError' && failure.cause ? failure.cause : failure;
  process.stdout.write(JSON.stringify({ status: 'FAILED', error: error.name, cause: error.message }) + '\n');
}
process.exit(0);
