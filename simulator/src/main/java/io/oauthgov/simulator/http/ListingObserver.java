package io.oauthgov.simulator.http;

import io.oauthgov.simulator.model.Organization;
import io.oauthgov.simulator.model.SimulatedClient;

/** Hooks the simulator uses to script changes around the client listing (mid-run scripts, drift bookkeeping). */
public interface ListingObserver {
    /** The last page of a listing of this org was just served. */
    void fullListingServed(Organization org);

    /** Listing drift removed a client between pages. */
    void driftRemoved(Organization org, SimulatedClient client);

    /** Listing drift added a client between pages. */
    void driftAdded(Organization org, SimulatedClient client);
}
