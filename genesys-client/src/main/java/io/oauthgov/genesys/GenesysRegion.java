package io.oauthgov.genesys;

import java.net.URI;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Genesys Cloud regions and their domains (the SDK's {@code PureCloudRegionHosts}). */
public enum GenesysRegion {
    US_EAST_1("us-east-1", "mypurecloud.com"),
    US_EAST_2("us-east-2", "use2.us-gov-pure.cloud"),
    US_WEST_2("us-west-2", "usw2.pure.cloud"),
    CA_CENTRAL_1("ca-central-1", "cac1.pure.cloud"),
    EU_WEST_1("eu-west-1", "mypurecloud.ie"),
    EU_WEST_2("eu-west-2", "euw2.pure.cloud"),
    EU_CENTRAL_1("eu-central-1", "mypurecloud.de"),
    EU_CENTRAL_2("eu-central-2", "euc2.pure.cloud"),
    AP_SOUTH_1("ap-south-1", "aps1.pure.cloud"),
    AP_NORTHEAST_2("ap-northeast-2", "apne2.pure.cloud"),
    AP_SOUTHEAST_2("ap-southeast-2", "mypurecloud.com.au"),
    AP_NORTHEAST_1("ap-northeast-1", "mypurecloud.jp"),
    AP_NORTHEAST_3("ap-northeast-3", "apne3.pure.cloud"),
    SA_EAST_1("sa-east-1", "sae1.pure.cloud"),
    ME_CENTRAL_1("me-central-1", "mec1.pure.cloud");

    private final String id;
    private final String domain;

    GenesysRegion(String id, String domain) {
        this.id = id;
        this.domain = domain;
    }

    public String id() {
        return id;
    }

    public String domain() {
        return domain;
    }

    public Endpoints endpoints() {
        return new Endpoints(URI.create("https://api." + domain), URI.create("https://login." + domain));
    }

    /** Accepts a region id ({@code eu-west-1}) or a domain ({@code mypurecloud.ie}). */
    public static GenesysRegion of(String idOrDomain) {
        return Arrays.stream(values())
                .filter(r -> r.id.equalsIgnoreCase(idOrDomain) || r.domain.equalsIgnoreCase(idOrDomain))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown Genesys Cloud region '" + idOrDomain + "'; known: "
                        + Arrays.stream(values()).map(GenesysRegion::id).collect(Collectors.joining(", "))));
    }
}
