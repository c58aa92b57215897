package io.oauthgov.simulator;

import static io.oauthgov.simulator.Fixtures.ANCHOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mypurecloud.sdk.v2.ApiClient;
import com.mypurecloud.sdk.v2.ApiException;
import com.mypurecloud.sdk.v2.api.AuditApi;
import com.mypurecloud.sdk.v2.api.AuthorizationApi;
import com.mypurecloud.sdk.v2.api.OAuthApi;
import com.mypurecloud.sdk.v2.api.UsageApi;
import com.mypurecloud.sdk.v2.api.request.GetAuditsQueryTransactionIdResultsRequest;
import com.mypurecloud.sdk.v2.api.request.GetAuthorizationDivisionsRequest;
import com.mypurecloud.sdk.v2.api.request.GetAuthorizationRolesRequest;
import com.mypurecloud.sdk.v2.api.request.GetOauthClientUsageQueryResultRequest;
import com.mypurecloud.sdk.v2.model.ApiUsageClientQuery;
import com.mypurecloud.sdk.v2.model.ApiUsageOrganizationQuery;
import com.mypurecloud.sdk.v2.model.ApiUsageQueryResult;
import com.mypurecloud.sdk.v2.model.AuditLogMessage;
import com.mypurecloud.sdk.v2.model.AuditQueryExecutionResultsResponse;
import com.mypurecloud.sdk.v2.model.AuditQueryExecutionStatusResponse;
import com.mypurecloud.sdk.v2.model.AuditQueryFilter;
import com.mypurecloud.sdk.v2.model.AuditQueryRequest;
import com.mypurecloud.sdk.v2.model.AuditQueryServiceMapping;
import com.mypurecloud.sdk.v2.model.AuditRealtimeQueryRequest;
import com.mypurecloud.sdk.v2.model.AuditRealtimeQueryResultsResponse;
import com.mypurecloud.sdk.v2.model.AuthzDivision;
import com.mypurecloud.sdk.v2.model.AuthzDivisionEntityListing;
import com.mypurecloud.sdk.v2.model.DomainOrganizationRole;
import com.mypurecloud.sdk.v2.model.OrganizationRoleEntityListing;
import com.mypurecloud.sdk.v2.model.OAuthClient;
import com.mypurecloud.sdk.v2.model.OAuthClientEntityListing;
import com.mypurecloud.sdk.v2.model.OAuthClientListing;
import com.mypurecloud.sdk.v2.model.OAuthClientRequest;
import com.mypurecloud.sdk.v2.model.UsageExecutionResult;
import io.oauthgov.simulator.faults.FaultLimit;
import io.oauthgov.simulator.faults.FaultTarget;
import io.oauthgov.simulator.generator.Category;
import io.oauthgov.simulator.model.ApiIdentity;
import io.oauthgov.simulator.model.IdentityRole;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The acceptance test: the official Genesys Cloud Java SDK, unchanged, pointed at the simulator. The token comes
 * from the simulator's {@code /oauth/token} by plain HTTP, because the SDK's own login always targets
 * {@code https://login.<domain>}. Every call below must parse without error.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GenesysSdkCompatibilityIT {
    private static final String LAST_YEAR = "2024-06-02T00:00:00.000Z/2025-06-03T00:00:00.000Z";

    private final ManualClock clock = new ManualClock(ANCHOR);
    private GenesysSimulator simulator;
    private String orgId;
    private OAuthApi collectorOAuth;
    private OAuthApi executorOAuth;
    private AuditApi audits;
    private UsageApi usage;
    private AuthorizationApi authorization;
    private ApiIdentity collector;

    @BeforeAll
    void startSimulatorAndSdk() throws Exception {
        simulator = GenesysSimulator.builder().clientsPerOrg(60).seed(99).anchor(ANCHOR).clock(clock)
                .identityRateLimit(120).start();
        orgId = simulator.orgIds().get(0);
        HttpProbe http = new HttpProbe(simulator.baseUrl());
        collector = simulator.identity(orgId, IdentityRole.COLLECTOR);
        ApiClient collectorClient = sdk(http.token(collector));
        ApiClient executorClient = sdk(http.token(simulator.identity(orgId, IdentityRole.EXECUTOR)));
        collectorOAuth = new OAuthApi(collectorClient);
        executorOAuth = new OAuthApi(executorClient);
        audits = new AuditApi(collectorClient);
        usage = new UsageApi(collectorClient);
        authorization = new AuthorizationApi(collectorClient);
    }

    private ApiClient sdk(String token) {
        return ApiClient.Builder.standard().withBasePath(simulator.baseUrl()).withAccessToken(token).build();
    }

    @AfterAll
    void stop() {
        simulator.close();
    }

    @Test
    @Order(1)
    void listsAndGetsClients() throws Exception {
        OAuthClientEntityListing listing = collectorOAuth.getOauthClients();
        OAuthClientListing first = listing.getEntities().get(0);
        OAuthClient client = collectorOAuth.getOauthClient(first.getId());

        assertThat(listing.getTotal()).isEqualTo(62L);
        assertThat(listing.getEntities()).hasSize(62);
        assertThat(listing.getPageCount()).isEqualTo(1);
        assertThat(first.getState()).isNotEqualTo(OAuthClientListing.StateEnum.OUTDATEDSDKVERSION);
        assertThat(first.getDateCreated()).isNotNull();
        assertThat(client.getAuthorizedGrantType()).isNotNull()
                .isNotEqualTo(OAuthClient.AuthorizedGrantTypeEnum.OUTDATEDSDKVERSION);
        assertThat(client.getCreatedBy().getName()).isNotBlank();
        assertThat(client.getRoleDivisions()).isNotNull();
    }

    @Test
    @Order(1)
    void pagesThroughRolesWithTheirPermissionPolicies() throws Exception {
        OrganizationRoleEntityListing first = authorization.getAuthorizationRoles(GetAuthorizationRolesRequest.builder()
                .withPageSize(5).withPageNumber(1).build());
        OrganizationRoleEntityListing second = authorization.getAuthorizationRoles(GetAuthorizationRolesRequest.builder()
                .withPageSize(5).withPageNumber(2).build());
        DomainOrganizationRole admin = first.getEntities().stream().filter(r -> "Master Admin".equals(r.getName()))
                .findFirst().orElseThrow();

        assertThat(first.getTotal()).isEqualTo((long) simulator.organization(orgId).roles().size());
        assertThat(first.getPageCount()).isGreaterThan(1);
        assertThat(first.getNextUri()).contains("pageNumber=2");
        assertThat(second.getEntities()).isNotEmpty().doesNotContainAnyElementsOf(first.getEntities());
        assertThat(admin.getDefaultRoleId()).isEqualTo("admin");
        assertThat(admin.getBase()).isTrue();
        assertThat(admin.getPermissionPolicies()).singleElement().satisfies(p -> {
            assertThat(p.getDomain()).isEqualTo("*");
            assertThat(p.getEntityName()).isEqualTo("*");
            assertThat(p.getActionSet()).containsExactly("*");
            assertThat(p.getAllowConditions()).isFalse();
        });
    }

    @Test
    @Order(1)
    void listsDivisionsAndTheHomeDivision() throws Exception {
        AuthzDivisionEntityListing divisions = authorization.getAuthorizationDivisions(
                GetAuthorizationDivisionsRequest.builder().withPageSize(25).build());
        AuthzDivision home = authorization.getAuthorizationDivisionsHome();

        assertThat(divisions.getTotal()).isEqualTo((long) divisions.getEntities().size()).isGreaterThan(1L);
        assertThat(divisions.getEntities()).filteredOn(AuthzDivision::getHomeDivision).singleElement()
                .extracting(AuthzDivision::getId).isEqualTo(home.getId());
    }

    @Test
    @Order(2)
    void groupsOrganizationUsageByTemplateUriAndHttpMethod() throws Exception {
        UsageExecutionResult orgWide = usage.postUsageQuery(new ApiUsageOrganizationQuery().interval(LAST_YEAR)
                .granularity(ApiUsageOrganizationQuery.GranularityEnum.MONTH)
                .groupBy(List.of(ApiUsageOrganizationQuery.GroupByEnum.OAUTHCLIENTID,
                        ApiUsageOrganizationQuery.GroupByEnum.TEMPLATEURI,
                        ApiUsageOrganizationQuery.GroupByEnum.HTTPMETHOD)));
        ApiUsageQueryResult rows = pollOrgUsage(orgWide.getExecutionId());

        assertThat(rows.getResults()).isNotEmpty().allSatisfy(row -> {
            assertThat(row.getTemplateUri()).startsWith("api/v2/");
            assertThat(row.getHttpMethod()).isIn("GET", "POST", "PUT", "PATCH", "DELETE");
        });
    }

    @Test
    @Order(2)
    void runsPerClientAndOrganizationUsageQueries() throws Exception {
        String used = simulator.groundTruth().clientsIn(Category.OLD_METADATA_BUT_USED).get(0).id();

        UsageExecutionResult perClient = collectorOAuth.postOauthClientUsageQuery(used, new ApiUsageClientQuery()
                .interval(LAST_YEAR).granularity(ApiUsageClientQuery.GranularityEnum.DAY)
                .metrics(List.of(ApiUsageClientQuery.MetricsEnum.REQUESTS, ApiUsageClientQuery.MetricsEnum.STATUS429))
                .groupBy(List.of(ApiUsageClientQuery.GroupByEnum.OAUTHCLIENTID)));
        ApiUsageQueryResult perClientResult = pollClientUsage(used, perClient.getExecutionId());
        UsageExecutionResult orgWide = usage.postUsageQuery(new ApiUsageOrganizationQuery().interval(LAST_YEAR)
                .granularity(ApiUsageOrganizationQuery.GranularityEnum.MONTH)
                .groupBy(List.of(ApiUsageOrganizationQuery.GroupByEnum.OAUTHCLIENTID)));
        ApiUsageQueryResult orgResult = pollOrgUsage(orgWide.getExecutionId());
        UsageExecutionResult summary = collectorOAuth.getOauthClientUsageSummary(used, "7");

        assertThat(perClientResult.getResults()).isNotEmpty().allSatisfy(row -> {
            assertThat(row.getClientId()).isEqualTo(used);
            assertThat(row.getRequests()).isPositive();
            assertThat(row.getDate()).isNotNull();
        });
        assertThat(orgResult.getResults()).extracting(r -> r.getClientId()).contains(used);
        assertThat(summary.getResultsUri()).contains(used);
    }

    @Test
    @Order(3)
    void runsAnAuditQueryThroughItsStates() throws Exception {
        AuditQueryServiceMapping mapping = audits.getAuditsQueryServicemapping();
        AuditQueryExecutionStatusResponse submitted = audits.postAuditsQuery(new AuditQueryRequest()
                .interval("2018-01-01T00:00:00.000Z/2025-06-03T00:00:00.000Z").serviceName("PeoplePermissions")
                .filters(List.of(new AuditQueryFilter().property(AuditQueryFilter.PropertyEnum.ENTITYTYPE)
                        .value("OAuthClient"))));
        AuditQueryExecutionStatusResponse.StateEnum state = submitted.getState();
        for (int polls = 0; polls < 10 && state != AuditQueryExecutionStatusResponse.StateEnum.SUCCEEDED; polls++) {
            state = audits.getAuditsQueryTransactionId(submitted.getId()).getState();
        }
        AuditQueryExecutionResultsResponse page = audits.getAuditsQueryTransactionIdResults(
                GetAuditsQueryTransactionIdResultsRequest.builder().withTransactionId(submitted.getId())
                        .withPageSize(50).build());
        AuditRealtimeQueryResultsResponse realtime = audits.postAuditsQueryRealtime(new AuditRealtimeQueryRequest()
                .interval("2025-05-20T00:00:00.000Z/2025-06-03T00:00:00.000Z").serviceName("Directory")
                .pageNumber(1).pageSize(10), null);

        assertThat(mapping.getServices()).extracting(s -> s.getName()).contains("PeoplePermissions");
        assertThat(submitted.getState()).isEqualTo(AuditQueryExecutionStatusResponse.StateEnum.QUEUED);
        assertThat(state).isEqualTo(AuditQueryExecutionStatusResponse.StateEnum.SUCCEEDED);
        assertThat(page.getEntities()).hasSize(50).allSatisfy(e -> {
            assertThat(e.getEntityType()).isEqualTo("OAuthClient");
            assertThat(e.getEventDate()).isNotNull();
            assertThat(e.getLevel()).isNotNull();
            assertThat(e.getStatus()).isNotNull();
        });
        assertThat(page.getCursor()).isNotBlank();
        assertThat(realtime.getEntities()).isNotEmpty();
    }

    @Test
    @Order(3)
    void readsAnAccessTokenGrantWithTheSdkModel() throws Exception {
        String tokenOnly = simulator.groundTruth().clientsIn(Category.TOKEN_ONLY_USE).get(0).id();
        AuditQueryExecutionStatusResponse submitted = audits.postAuditsQuery(new AuditQueryRequest()
                .interval("2025-05-26T00:00:00.000Z/2025-06-03T00:00:00.000Z").serviceName("PeoplePermissions")
                .filters(List.of(new AuditQueryFilter().property(AuditQueryFilter.PropertyEnum.ENTITYTYPE)
                        .value("AccessToken"), new AuditQueryFilter().property(AuditQueryFilter.PropertyEnum.CLIENTID)
                        .value(tokenOnly))));
        AuditQueryExecutionStatusResponse.StateEnum state = submitted.getState();
        for (int polls = 0; polls < 10 && state != AuditQueryExecutionStatusResponse.StateEnum.SUCCEEDED; polls++) {
            state = audits.getAuditsQueryTransactionId(submitted.getId()).getState();
        }
        AuditQueryExecutionResultsResponse page = audits.getAuditsQueryTransactionIdResults(
                GetAuditsQueryTransactionIdResultsRequest.builder().withTransactionId(submitted.getId()).build());

        assertThat(page.getEntities()).isNotEmpty().allSatisfy(e -> {
            assertThat(e.getEntityType()).isEqualTo("AccessToken");
            assertThat(e.getAction()).isEqualTo("Create");
            assertThat(e.getStatus()).isEqualTo(AuditLogMessage.StatusEnum.SUCCESS);
            assertThat(e.getClient().getId()).isEqualTo(tokenOnly);
            assertThat(e.getMessage().getLocalizableMessageCode()).isEqualTo("ACCESSTOKENCREATE_SUCCESS");
            assertThat(e.getEventDate()).isNotNull();
            assertThat(e.getUser()).isNull();
        });
    }

    @Test
    @Order(4)
    void deactivatesDeletesAndThenGets404() throws Exception {
        String id = simulator.groundTruth().clientsIn(Category.RECENTLY_CREATED).get(0).id();
        OAuthClient current = executorOAuth.getOauthClient(id);

        OAuthClient inactive = executorOAuth.putOauthClient(id, new OAuthClientRequest()
                .name(current.getName())
                .description(current.getDescription())
                .accessTokenValiditySeconds(current.getAccessTokenValiditySeconds())
                .registeredRedirectUri(current.getRegisteredRedirectUri())
                .roleIds(current.getRoleIds())
                .roleDivisions(current.getRoleDivisions())
                .scope(current.getScope())
                .authorizedGrantType(OAuthClientRequest.AuthorizedGrantTypeEnum.fromString(
                        current.getAuthorizedGrantType().toString()))
                .state(OAuthClientRequest.StateEnum.INACTIVE));
        executorOAuth.deleteOauthClient(id);

        assertThat(inactive.getState()).isEqualTo(OAuthClient.StateEnum.INACTIVE);
        assertThatThrownBy(() -> executorOAuth.getOauthClient(id)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.getStatusCode()).isEqualTo(404));
        assertThat(simulator.deletionLog().wasDeleted(id)).isTrue();
    }

    @Test
    @Order(5)
    void surfacesTooManyRequestsAsApiException429() {
        simulator.faults().throttle(FaultTarget.identity(collector.clientId()), FaultLimit.calls(1), 3);

        assertThatThrownBy(() -> collectorOAuth.getOauthClients()).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.getStatusCode()).isEqualTo(429);
            // ApiException.getHeader is an exact-case lookup, and the JDK HttpServer sends header names as
            // "Retry-after"; HTTP header names are case-insensitive, so read them that way
            java.util.Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            headers.putAll(e.getHeaders());
            assertThat(headers.get("Retry-After")).isEqualTo("3");
            assertThat(headers.get("ININ-Correlation-Id")).isNotBlank();
            assertThat(e.getRawBody()).contains("too.many.requests.retry.after");
        });
    }

    @Test
    @Order(6)
    void surfacesTheRealRateLimiterAsApiException429() {
        assertThatThrownBy(() -> {
            for (int i = 0; i < 200; i++) {
                collectorOAuth.getOauthClient(collector.clientId());
            }
        }).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getStatusCode()).isEqualTo(429));
        assertThat(simulator.metrics().throttled(collector.clientId())).isGreaterThanOrEqualTo(2);
    }

    private ApiUsageQueryResult pollClientUsage(String clientId, String executionId) throws Exception {
        for (int polls = 0; polls < 10; polls++) {
            ApiUsageQueryResult result = collectorOAuth.getOauthClientUsageQueryResult(
                    GetOauthClientUsageQueryResultRequest.builder().withClientId(clientId)
                            .withExecutionId(executionId).build());
            if (result.getQueryStatus() == ApiUsageQueryResult.QueryStatusEnum.COMPLETE) {
                return result;
            }
            assertThat(result.getQueryStatus()).isEqualTo(ApiUsageQueryResult.QueryStatusEnum.RUNNING);
        }
        throw new AssertionError("per-client usage query never completed");
    }

    private ApiUsageQueryResult pollOrgUsage(String executionId) throws Exception {
        for (int polls = 0; polls < 10; polls++) {
            ApiUsageQueryResult result = usage.getUsageQueryExecutionIdResults(executionId);
            if (result.getQueryStatus() == ApiUsageQueryResult.QueryStatusEnum.COMPLETE) {
                return result;
            }
        }
        throw new AssertionError("organization usage query never completed");
    }
}
