package dev.montage.compositions;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.IdGenerator;

import dev.montage.api.AccountId;
import dev.montage.api.Ids;
import dev.montage.api.JsonBody;
import dev.montage.api.ListResponse;
import dev.montage.api.PageRequest;
import dev.montage.api.SqlFilter;
import dev.montage.api.Timestamps;

/** Creates, reads, lists and deletes compositions. */
@Service
class CompositionService {

    private final CompositionRepository compositions;
    private final CompositionRequestParser parser;
    private final Clock clock;
    private final IdGenerator ids;

    CompositionService(CompositionRepository compositions, CompositionRequestParser parser, Clock clock,
            IdGenerator ids) {
        this.compositions = compositions;
        this.parser = parser;
        this.clock = clock;
        this.ids = ids;
    }

    @Transactional
    Composition create(AccountId account, JsonBody body) {
        CompositionRequest request = parser.parse(account, body);
        Instant now = Timestamps.now(clock);
        Composition composition = new Composition(ids.generateId(), account.value(), request.session().roomId(),
                request.session().id(), CompositionStatus.ENQUEUED, request.format(), request.resolution(),
                request.videoLayout(), request.audioSources(), request.audioSourcesExcluded(), request.trim(),
                request.webhooks(), 0, null, null, null, null, null, null, null, now, now);
        compositions.insert(composition);
        return composition;
    }

    Composition get(AccountId account, UUID id) {
        return compositions.find(account.value(), id).orElseThrow(() -> Ids.notFound("Room composition", id));
    }

    ListResponse<Composition> list(SqlFilter filter, PageRequest page) {
        return compositions.list(filter, page);
    }

    @Transactional
    void delete(AccountId account, UUID id) {
        if (!compositions.delete(account.value(), id)) {
            throw Ids.notFound("Room composition", id);
        }
    }
}
