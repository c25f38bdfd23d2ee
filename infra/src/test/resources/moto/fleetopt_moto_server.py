"""moto's server with the few patches fleetopt's end-to-end test needs (each one listed in docs/emulator-gaps.md,
under the same number).

Run as: python3 fleetopt_moto_server.py -H 127.0.0.1 -p PORT   (the same arguments as python3 -m moto.server)

Every patch makes moto answer as AWS does for a call the production code makes; none loosens a check.
  1. Lambda RevisionId: moto returns none and ignores the RevisionId of UpdateFunctionConfiguration. Here each
     function has one, a configuration change makes a new one (and a new LastModified), and a stale RevisionId is
     refused with PreconditionFailedException (HTTP 412), as Lambda does.
  2. Lambda UpdateFunctionConfiguration ignores TracingConfig: here it sets it.
  3. Lambda GetAccountSettings is not routed (HTTP 404): here it answers the account's default concurrency (1,000)
     less what functions reserve.
  4. Lambda ListProvisionedConcurrencyConfigs is not routed (HTTP 404): here it answers no provisioned concurrency,
     and GetProvisionedConcurrencyConfig (same path, which moto answers with the listing) answers
     ProvisionedConcurrencyConfigNotFoundException (HTTP 404), as Lambda does for a qualifier without any.
  5. CloudWatch GetMetricData answers null for percentile statistics (p99): here pNN is the nearest-rank
     percentile of the period's values.
  6. Logs Insights runs only a few query commands; the REPORT-line query fleetopt's collector sends
     (stats max(@maxMemoryUsed), max(@memorySize), count(*), avg(@billedDuration) by @log) is answered here from the
     stored REPORT lines, memory in bytes as Logs Insights gives it.
  7. moto stamps a new function's LastModified with the time it is created; the seeded fleet stands for functions
     deployed earlier, so FLEETOPT_MOTO_CREATED_DAYS_AGO (default 0) dates each new function that many days back.
  8. When moto checks IAM, it recomputes each request's SigV4 signature, from the decoded path, and for a request
     without a body from the request's headers taken as a form body; so a request whose path holds an encoded
     character (Lambda by ARN: /functions/arn%3Aaws%3Alambda...) or a GET without a body never matches
     (SignatureDoesNotMatch). Here the path is encoded again, as the client signed it, and an empty body stays
     empty, before the check (S3's own check is left as it is).
  9. Lambda aliases: moto gives an alias one RevisionId for good and ignores the RevisionId of UpdateAlias. Here each
     update makes a new one, and a stale RevisionId is refused with PreconditionFailedException (HTTP 412), as Lambda
     does.
 10. Lambda PublishVersion ignores its CodeSha256 and RevisionId preconditions. Here a CodeSha256 other than
     $LATEST's is refused with InvalidParameterValueException (HTTP 400) and a RevisionId other than $LATEST's with
     PreconditionFailedException (HTTP 412), as Lambda does, and nothing is published.
 11. STS AssumeRole hands out credentials for any role ARN, whether the role exists or not, and checks neither its
     trust policy nor the external id. Here a role that does not exist in the ARN's account is refused with
     AccessDenied, as is an external id other than the one the role's trust policy requires (sts:ExternalId); the
     trust policy's principal and its other conditions are still not evaluated.
"""
import datetime
import json
import math
import os
import re
import sys
import uuid
from urllib.parse import quote, unquote

from moto.awslambda import models as lambda_models
from moto.awslambda import responses as lambda_responses
from moto.awslambda import urls as lambda_urls
from moto.awslambda.exceptions import InvalidParameterValueException, LambdaClientError, PreconditionFailedException
from moto.cloudwatch import models as cloudwatch_models
from moto.iam import access_control
from moto.logs import models as logs_models

ACCOUNT_CONCURRENCY = 1000
CREATED_DAYS_AGO = int(os.environ.get("FLEETOPT_MOTO_CREATED_DAYS_AGO", "0"))


# 1, 2, 7: revision ids, tracing, creation date ------------------------------------------------------------------

def _stamp(days_ago=0):
    at = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=days_ago)
    return at.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "+0000"


_original_init = lambda_models.LambdaFunction.__init__


def _init(self, *args, **kwargs):
    _original_init(self, *args, **kwargs)
    self.fleetopt_revision_id = str(uuid.uuid4())
    if CREATED_DAYS_AGO:
        self.last_modified = _stamp(CREATED_DAYS_AGO)


_original_get_configuration = lambda_models.LambdaFunction.get_configuration


def _get_configuration(self, *args, **kwargs):
    config = _original_get_configuration(self, *args, **kwargs)
    if not hasattr(self, "fleetopt_revision_id"):
        self.fleetopt_revision_id = str(uuid.uuid4())
    config["RevisionId"] = self.fleetopt_revision_id
    return config


_original_update_configuration = lambda_models.LambdaFunction.update_configuration


def _update_configuration(self, config_updates):
    expected = config_updates.get("RevisionId")
    if expected and expected != getattr(self, "fleetopt_revision_id", None):
        raise PreconditionFailedException(
            "The Revision Id provided does not match the latest Revision Id. "
            "Call the GetFunction/GetAlias API to retrieve the latest Revision Id")
    if "TracingConfig" in config_updates:
        self.tracing_config = {"Mode": config_updates["TracingConfig"].get("Mode", "PassThrough")}
    _original_update_configuration(self, config_updates)
    self.fleetopt_revision_id = str(uuid.uuid4())
    self.last_modified = _stamp()
    return self.get_configuration()


lambda_models.LambdaFunction.__init__ = _init
lambda_models.LambdaFunction.get_configuration = _get_configuration
lambda_models.LambdaFunction.update_configuration = _update_configuration


# 3, 4: account settings, provisioned concurrency --------------------------------------------------------------------

def _get_account_settings(self):
    functions = list(self.backend.list_functions())
    reserved = sum(int(f.reserved_concurrency or 0) for f in functions)
    return json.dumps({
        "AccountLimit": {"TotalCodeSize": 80530636800, "CodeSizeUnzipped": 262144000, "CodeSizeZipped": 52428800,
                         "ConcurrentExecutions": ACCOUNT_CONCURRENCY,
                         "UnreservedConcurrentExecutions": ACCOUNT_CONCURRENCY - reserved},
        "AccountUsage": {"TotalCodeSize": sum(int(f.code_size or 0) for f in functions), "FunctionCount": len(functions)},
    })


class _ProvisionedConcurrencyConfigNotFound(LambdaClientError):
    code = 404

    def __init__(self):
        super().__init__("ProvisionedConcurrencyConfigNotFoundException", "No Provisioned Concurrency Config found for this function")


def _list_provisioned_concurrency_configs(self):
    function_name = unquote(self.path.rstrip("/").rsplit("/", 2)[-2])
    self.backend.get_function(function_name, None)  # ResourceNotFoundException for an unknown function
    if "List" not in self.querystring:
        # GetProvisionedConcurrencyConfig of one qualifier: none is ever configured here
        raise _ProvisionedConcurrencyConfigNotFound()
    return json.dumps({"ProvisionedConcurrencyConfigs": []})


lambda_responses.LambdaResponse.get_account_settings = _get_account_settings
lambda_responses.LambdaResponse.list_provisioned_concurrency_configs = _list_provisioned_concurrency_configs
# moto resolves GET .../provisioned-concurrency?List=ALL to GetProvisionedConcurrencyConfig (same path)
lambda_responses.LambdaResponse.get_provisioned_concurrency_config = _list_provisioned_concurrency_configs
lambda_urls.url_paths[r"{0}/(?P<api_version>[^/]+)/account-settings/?$"] = lambda_responses.LambdaResponse.dispatch
lambda_urls.url_paths[r"{0}/(?P<api_version>[^/]+)/functions/(?P<function_name>[\w_:%-]+)/provisioned-concurrency/?$"] = \
    lambda_responses.LambdaResponse.dispatch


# 5: percentile statistics ----------------------------------------------------------------------------------------

_original_statistic = cloudwatch_models.Statistics.get_statistics_for_type
_PERCENTILE = re.compile(r"^p(\d+(\.\d+)?)$")


def _get_statistics_for_type(self, stat):
    match = _PERCENTILE.match(stat)
    if not match:
        return _original_statistic(self, stat)
    values = sorted(self.metric_single_values_list)
    if not values:
        return None
    rank = max(1, math.ceil(float(match.group(1)) / 100.0 * len(values)))
    return values[rank - 1]


cloudwatch_models.Statistics.get_statistics_for_type = _get_statistics_for_type


# 6: the collector's Logs Insights query over REPORT lines -------------------------------------------------------

_REPORT_QUERY = re.compile(r'^filter @type = "REPORT"\s*\|\s*stats max\(@maxMemoryUsed\) as (\w+), '
                           r'max\(@memorySize\) as (\w+), count\(\*\) as (\w+), '
                           r'avg\(@billedDuration\) as (\w+) by @log$')
_MAX_USED = re.compile(r"Max Memory Used: (\d+) MB")
_BILLED = re.compile(r"Billed Duration: (\d+) ms")
_SIZE = re.compile(r"Memory Size: (\d+) MB")
_original_execute_query = logs_models.execute_query


def _execute_query(log_groups, query, start_time, end_time):
    match = _REPORT_QUERY.match(query.strip())
    if not match:
        return _original_execute_query(log_groups=log_groups, query=query, start_time=start_time, end_time=end_time)
    used_field, size_field, count_field, billed_field = match.groups()
    rows = []
    for group in log_groups:
        used, size, reports, billed_total, billed_count = 0, 0, 0, 0, 0
        for stream in group.streams.values():
            for event in stream.events:
                if not (start_time * 1000 <= event.timestamp <= end_time * 1000) or not event.message.startswith("REPORT "):
                    continue
                used_match, size_match = _MAX_USED.search(event.message), _SIZE.search(event.message)
                if used_match and size_match:
                    # Logs Insights gives @maxMemoryUsed and @memorySize in bytes (1 MB = 1,000,000 bytes)
                    used = max(used, int(used_match.group(1)) * 1_000_000)
                    size = max(size, int(size_match.group(1)) * 1_000_000)
                    reports += 1
                billed_match = _BILLED.search(event.message)
                if billed_match:
                    billed_total += int(billed_match.group(1))
                    billed_count += 1
        if reports:
            row = {"@log": group.account_id + ":" + group.name, used_field: str(used), size_field: str(size),
                   count_field: str(reports)}
            if billed_count:
                row[billed_field] = str(billed_total / billed_count)
            rows.append(row)
    return rows


logs_models.execute_query = _execute_query


# 8: the signature check of a request whose path has encoded characters ------------------------------------------

def _iam_request_init(self, account_id, method, path, data, body, headers, action):
    base, separator, query = path.partition("?")
    access_control.IAMRequestBase.__init__(self, account_id=account_id, method=method,
                                           path=quote(base, safe="/") + separator + query,
                                           data=data if body else {}, body=body, headers=headers, action=action)


access_control.IAMRequest.__init__ = _iam_request_init


# 9: alias revision ids --------------------------------------------------------------------------------------------

_original_alias_update = lambda_models.LambdaAlias.update
_original_update_alias = lambda_responses.LambdaResponse.update_alias


def _alias_update(self, description, function_version, routing_config):
    _original_alias_update(self, description, function_version, routing_config)
    self.revision_id = str(uuid.uuid4())


def _update_alias(self):
    function_name = unquote(self.path.rsplit("/")[-3])
    alias_name = unquote(self.path.rsplit("/", 2)[-1])
    expected = json.loads(self.body).get("RevisionId")
    if expected and expected != self.backend.get_alias(name=alias_name, function_name=function_name).revision_id:
        raise PreconditionFailedException(
            "The Revision Id provided does not match the latest Revision Id. "
            "Call the GetFunction/GetAlias API to retrieve the latest Revision Id")
    return _original_update_alias(self)


lambda_models.LambdaAlias.update = _alias_update
lambda_responses.LambdaResponse.update_alias = _update_alias


# 10: PublishVersion's preconditions ------------------------------------------------------------------------------

_original_publish_version = lambda_responses.LambdaResponse.publish_version


def _publish_version(self):
    function_name = unquote(self.path.split("/")[-2])
    params = json.loads(self.body) if self.body else {}
    latest = self.backend.get_function(function_name, None)
    code_sha256, revision_id = params.get("CodeSha256"), params.get("RevisionId")
    if code_sha256 and code_sha256 != latest.code_sha_256:
        raise InvalidParameterValueException(
            f"CodeSHA256 ({code_sha256}) is different from current CodeSHA256 in $LATEST ({latest.code_sha_256}). "
            "Please try again with the CodeSHA256 in $LATEST.")
    if revision_id and revision_id != getattr(latest, "fleetopt_revision_id", None):
        raise PreconditionFailedException(
            "The Revision Id provided does not match the latest Revision Id. "
            "Call the GetFunction/GetAlias API to retrieve the latest Revision Id")
    return _original_publish_version(self)


lambda_responses.LambdaResponse.publish_version = _publish_version


# 11: AssumeRole of a role that does not exist, or with the wrong external id ---------------------------------------

from moto.iam.models import iam_backends
from moto.sts import models as sts_models
from moto.sts.exceptions import STSClientError
from moto.utilities.utils import get_partition

_original_assume_role = sts_models.STSBackend.assume_role


def _required_external_ids(trust_policy):
    """The external ids the trust policy's Allow statements for sts:AssumeRole require (None: a statement requires none)."""
    document = json.loads(trust_policy) if isinstance(trust_policy, str) else trust_policy
    statements = document.get("Statement", [])
    required = set()
    for statement in statements if isinstance(statements, list) else [statements]:
        actions = statement.get("Action", [])
        actions = actions if isinstance(actions, list) else [actions]
        if statement.get("Effect") != "Allow" or "sts:AssumeRole" not in actions:
            continue
        value = statement.get("Condition", {}).get("StringEquals", {}).get("sts:ExternalId")
        if value is None:
            return None
        required.update(value if isinstance(value, list) else [value])
    return required


def _assume_role(self, region_name, role_session_name, role_arn, policy, duration, external_id):
    match = re.match(r"arn:[^:]+:iam::([0-9]{12}):role/(.+)", role_arn or "")
    # AWS names the caller first ("User: arn:... is not authorized"); moto does not pass it down to here
    denied = STSClientError("AccessDenied", f"The caller is not authorized to perform: sts:AssumeRole on resource: {role_arn}")
    if not match:
        raise denied
    backend = iam_backends[match.group(1)][get_partition(region_name)]
    role = next((r for r in backend.get_roles() if r.arn == role_arn), None)
    if role is None:
        raise denied
    required = _required_external_ids(role.assume_role_policy_document)
    if required is not None and external_id not in required:
        raise denied
    return _original_assume_role(self, region_name, role_session_name, role_arn, policy, duration, external_id)


sts_models.STSBackend.assume_role = _assume_role


if __name__ == "__main__":
    from moto.server import main

    main(sys.argv[1:])
