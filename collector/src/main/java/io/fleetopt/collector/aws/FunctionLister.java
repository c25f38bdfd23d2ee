package io.fleetopt.collector.aws;

import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;

import java.util.ArrayList;
import java.util.List;

/** Lists a region's functions (unqualified, $LATEST configuration) through ListFunctions' paginator, 50 a page. */
final class FunctionLister {

    static final int PAGE_SIZE = 50;

    private final LambdaClient lambda;

    FunctionLister(LambdaClient lambda) {
        this.lambda = lambda;
    }

    List<FunctionConfiguration> list() {
        List<FunctionConfiguration> functions = new ArrayList<>();
        lambda.listFunctionsPaginator(b -> b.maxItems(PAGE_SIZE)).functions().forEach(functions::add);
        return functions;
    }
}
