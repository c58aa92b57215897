package io.oauthgov.simulator.model;

/** Request counts for one client, one day, one endpoint; mutable because live calls keep adding to today's row. */
public final class UsageCounts {
    private long status200;
    private long status300;
    private long status400;
    private long status500;
    private long status429;

    public void add(int httpStatus, long calls) {
        if (httpStatus == 429) {
            status429 += calls;
        } else if (httpStatus >= 500) {
            status500 += calls;
        } else if (httpStatus >= 400) {
            status400 += calls;
        } else if (httpStatus >= 300) {
            status300 += calls;
        } else {
            status200 += calls;
        }
    }

    public void addAll(UsageCounts other) {
        status200 += other.status200;
        status300 += other.status300;
        status400 += other.status400;
        status500 += other.status500;
        status429 += other.status429;
    }

    public long status200() {
        return status200;
    }

    public long status300() {
        return status300;
    }

    public long status400() {
        return status400;
    }

    public long status500() {
        return status500;
    }

    public long status429() {
        return status429;
    }

    public long requests() {
        return status200 + status300 + status400 + status500 + status429;
    }

    public UsageCounts copy() {
        UsageCounts c = new UsageCounts();
        c.addAll(this);
        return c;
    }
}
