package io.oauthgov.schemas.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ContactTest {

    @Test
    void anAddressWithADottedDomainIsAnEmail() {
        assertThat(Contact.parse(" payments-team+oauth@example.com ")).isEqualTo(new Contact.Email("payments-team+oauth@example.com"));
    }

    @Test
    void anHttpsUrlIsAWebhook() {
        Contact contact = Contact.parse("https://hooks.example.com/services/T1/B2");

        assertThat(contact).isInstanceOf(Contact.Webhook.class);
        assertThat(contact.address()).isEqualTo("https://hooks.example.com/services/T1/B2");
        assertThat(contact.shown()).as("a chat webhook's path is its credential").isEqualTo("https://hooks.example.com/…");
    }

    @Test
    void textThatIsNeitherIsRefusedWithWhatWasExpected() {
        assertThatThrownBy(() -> Contact.parse("payments team")).isInstanceOf(Contact.InvalidContactException.class)
                .hasMessageContaining("'payments team' is not an e-mail address");
        assertThatThrownBy(() -> Contact.parse("bob@localhost")).hasMessageContaining("not an e-mail address");
        assertThatThrownBy(() -> Contact.parse("https:///no-host")).hasMessageContaining("without a host");
    }

    @Test
    void anEmailColumnRefusesAWebhookAndTheOtherWayRound() {
        assertThatThrownBy(() -> Contact.email("https://hooks.example.com/x")).hasMessageContaining("is not an e-mail address");
        assertThatThrownBy(() -> Contact.webhook("a@example.com")).hasMessageContaining("is not an http(s) webhook URL");
    }

    @Test
    void blankMeansNotGiven() {
        assertThat(Contact.optional("  ")).isEmpty();
        assertThat(Contact.optional(null)).isEmpty();
    }
}
