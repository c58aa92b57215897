package io.oauthgov.genesys.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import io.oauthgov.genesys.model.UsageRow;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UtcInstantDeserializerTest {

    @Test
    void readsTheApisUtcInstantsToTheSecondAndTheMillisecondAsTheIsoParserDoes() throws Exception {
        for (String text : new String[] {"2025-05-30T00:00:00Z", "2025-05-30T23:59:59.999Z", "1999-12-31T12:34:56.007Z", "2024-02-29T10:00:00Z"}) {
            assertThat(UtcInstantDeserializer.utc(text)).as(text).isEqualTo(Instant.parse(text));
            assertThat(read(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void leavesEveryOtherShapeToTheGeneralParserWhichStillReadsIt() throws Exception {
        assertThat(UtcInstantDeserializer.utc("2025-05-30T02:00:00+02:00")).isNull();
        assertThat(read("2025-05-30T02:00:00+02:00")).isEqualTo(Instant.parse("2025-05-30T00:00:00Z"));
        assertThat(UtcInstantDeserializer.utc("2025-05-30T00:00:00.123456Z")).isNull();
        assertThat(read("2025-05-30T00:00:00.123456Z")).isEqualTo(Instant.parse("2025-05-30T00:00:00.123456Z"));
        assertThat(UtcInstantDeserializer.utc("2025-05-30T00:00Z")).isNull();
        assertThat(Json.MAPPER.readValue("1748563200.000000000", Instant.class)).isEqualTo(Instant.parse("2025-05-30T00:00:00Z"));
    }

    @Test
    void anImpossibleDateIsRefusedAsBeforeNotReadAsAnotherDay() {
        assertThat(UtcInstantDeserializer.utc("2025-02-30T00:00:00Z")).isNull();
        assertThat(UtcInstantDeserializer.utc("2025-05-3xT00:00:00Z")).isNull();
        assertThatThrownBy(() -> read("2025-02-30T00:00:00Z")).isInstanceOf(InvalidFormatException.class);
        assertThatThrownBy(() -> read("2025-13-01T00:00:00Z")).isInstanceOf(InvalidFormatException.class);
    }

    @Test
    void aUsageRowsDateIsReadThroughIt() throws Exception {
        UsageRow row = Json.MAPPER.readValue("{\"clientId\":\"c\",\"requests\":3,\"date\":\"2025-05-30T00:00:00.000Z\"}", UsageRow.class);

        assertThat(row.date()).isEqualTo(Instant.parse("2025-05-30T00:00:00Z"));
    }

    private static Instant read(String text) throws Exception {
        return Json.MAPPER.readValue("\"" + text + "\"", Instant.class);
    }
}
