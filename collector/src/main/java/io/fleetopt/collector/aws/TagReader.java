package io.fleetopt.collector.aws;

import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.ResourceTagMapping;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.Tag;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads every Lambda function's tags in bulk with the Resource Groups Tagging API (GetResources, 100 a page)
 * instead of one ListTags per function. A function without tags is absent from the answer: no tags.
 */
final class TagReader {

    static final int PAGE_SIZE = 100;

    private final ResourceGroupsTaggingApiClient tagging;

    TagReader(ResourceGroupsTaggingApiClient tagging) {
        this.tagging = tagging;
    }

    /** Tags by function ARN. */
    Map<String, Map<String, String>> read() {
        Map<String, Map<String, String>> byArn = new HashMap<>();
        tagging.getResourcesPaginator(b -> b.resourceTypeFilters("lambda:function").resourcesPerPage(PAGE_SIZE))
                .resourceTagMappingList().forEach(mapping -> byArn.put(unqualified(mapping), tags(mapping)));
        return byArn;
    }

    private static Map<String, String> tags(ResourceTagMapping mapping) {
        Map<String, String> tags = new TreeMap<>();
        if (mapping.hasTags()) {
            for (Tag tag : mapping.tags()) {
                tags.put(tag.key(), tag.value() == null ? "" : tag.value());
            }
        }
        return tags;
    }

    /** arn:aws:lambda:region:account:function:name[:qualifier] without its qualifier. */
    private static String unqualified(ResourceTagMapping mapping) {
        String arn = mapping.resourceARN();
        String[] parts = arn.split(":", -1);
        return parts.length > 7 ? String.join(":", java.util.Arrays.copyOf(parts, 7)) : arn;
    }
}
