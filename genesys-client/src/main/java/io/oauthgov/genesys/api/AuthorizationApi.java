package io.oauthgov.genesys.api;

import io.oauthgov.genesys.GovernedCaller;
import io.oauthgov.genesys.model.AuthorizationRole;
import io.oauthgov.genesys.model.Division;
import io.oauthgov.genesys.model.PagedListing;

/**
 * {@code /api/v2/authorization/roles} and {@code /api/v2/authorization/divisions}, every page: what the roles a
 * client-credentials client holds let it do, and where. Needs {@code authorization:role:view} and
 * {@code authorization:division:view}.
 */
public final class AuthorizationApi {
    static final String ROLES = "/api/v2/authorization/roles";
    static final String DIVISIONS = "/api/v2/authorization/divisions";

    private final GovernedCaller caller;
    private final int pageSize;

    /** @param pageSize entities per page (Genesys defaults to 25) */
    public AuthorizationApi(GovernedCaller caller, int pageSize) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be >= 1, was " + pageSize);
        }
        this.caller = caller;
        this.pageSize = pageSize;
    }

    public PagedListing<AuthorizationRole> listRoles() {
        return PagedReader.readAll(caller, ROLES + "?pageSize=" + pageSize + "&pageNumber=1", AuthorizationRole.class,
                "authorization role");
    }

    public PagedListing<Division> listDivisions() {
        return PagedReader.readAll(caller, DIVISIONS + "?pageSize=" + pageSize + "&pageNumber=1", Division.class,
                "division");
    }
}
