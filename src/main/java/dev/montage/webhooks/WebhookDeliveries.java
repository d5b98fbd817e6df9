package dev.montage.webhooks;

import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.montage.api.ListResponse;
import dev.montage.api.PageRequest;

/** Reads the delivery attempts of a resource's events, newest first; the resource's owner checks tenancy. */
@Component
public class WebhookDeliveries {

    private final AttemptRepository attempts;

    WebhookDeliveries(AttemptRepository attempts) {
        this.attempts = attempts;
    }

    public ListResponse<WebhookDeliveryView> ofComposition(UUID accountId, UUID compositionId, PageRequest page) {
        return attempts.ofComposition(accountId, compositionId, page).map(WebhookDeliveryView::of);
    }
}
