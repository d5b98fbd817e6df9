package dev.montage.webhooks;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.montage.api.DataResponse;

/** {@code GET /v2/webhooks/public_key} (extension): the key receivers verify {@code telnyx-signature-ed25519} with. */
@RestController
class WebhookKeyController {

    private final WebhookSigner signer;

    WebhookKeyController(WebhookSigner signer) {
        this.signer = signer;
    }

    /** {@code public_key}: base64 of the raw 32-byte Ed25519 key, the form the Telnyx SDKs take. */
    record PublicKey(String publicKey) {
    }

    @GetMapping("/v2/webhooks/public_key")
    DataResponse<PublicKey> publicKey() {
        return new DataResponse<>(new PublicKey(signer.publicKey()));
    }
}
