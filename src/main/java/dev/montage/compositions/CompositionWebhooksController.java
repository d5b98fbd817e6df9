package dev.montage.compositions;

import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import dev.montage.api.AccountId;
import dev.montage.api.Ids;
import dev.montage.api.ListResponse;
import dev.montage.api.PageRequest;
import dev.montage.api.QueryParams;
import dev.montage.webhooks.WebhookDeliveries;
import dev.montage.webhooks.WebhookDeliveryView;

/**
 * {@code GET /v2/room_compositions/{id}/webhook_deliveries} (extension): every attempt to deliver the
 * composition's events, newest first, paged like every list. Here rather than in {@code webhooks} because the
 * composition decides who may see it.
 */
@RestController
class CompositionWebhooksController {

    private final CompositionService compositions;
    private final WebhookDeliveries deliveries;

    CompositionWebhooksController(CompositionService compositions, WebhookDeliveries deliveries) {
        this.compositions = compositions;
        this.deliveries = deliveries;
    }

    @GetMapping("/v2/room_compositions/{compositionId}/webhook_deliveries")
    ListResponse<WebhookDeliveryView> list(AccountId account, @PathVariable String compositionId, QueryParams query) {
        UUID id = compositions.get(account, Ids.parse(compositionId, "Room composition")).id();
        PageRequest page = query.page();
        query.throwIfInvalid();
        return deliveries.ofComposition(account.value(), id, page);
    }
}
