package dev.montage.recordings;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import dev.montage.api.AccountId;
import dev.montage.api.DataResponse;
import dev.montage.api.Ids;
import dev.montage.api.ListResponse;
import dev.montage.api.PageRequest;
import dev.montage.api.QueryParams;

@RestController
@RequestMapping("/v2/room_recordings")
class RecordingController {

    private final RecordingService recordings;
    private final RecordingIngest ingest;

    RecordingController(RecordingService recordings, RecordingIngest ingest) {
        this.recordings = recordings;
        this.ingest = ingest;
    }

    @GetMapping
    ListResponse<RecordingView> list(AccountId account, QueryParams query) {
        RecordingQuery filters = filters(query);
        PageRequest page = query.page();
        query.throwIfInvalid();
        return recordings.list(account, filters, page).map(RecordingView::of);
    }

    /** Bulk delete by the same filters as the list; answers 201 with the count, as the Telnyx schema says. */
    @DeleteMapping
    @ResponseStatus(HttpStatus.CREATED)
    DataResponse<Map<String, Integer>> deleteMatching(AccountId account, QueryParams query) {
        RecordingQuery filters = filters(query);
        query.throwIfInvalid();
        return new DataResponse<>(Map.of("room_recordings", recordings.deleteMatching(account, filters)));
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    DataResponse<List<RecordingView>> upload(AccountId account,
            @RequestPart("file") MultipartFile file,
            @RequestParam(name = "started_at", required = false) String startedAt,
            @RequestParam(name = "session_id", required = false) String sessionId,
            @RequestParam(name = "room_id", required = false) String roomId,
            @RequestParam(name = "participant_id", required = false) String participantId,
            @RequestParam(name = "participant_context", required = false) String participantContext,
            @RequestParam(name = "track_name", required = false) String trackName) throws IOException {
        List<RoomRecording> created = ingest.ingest(account, new RecordingIngest.Upload(file, startedAt, sessionId,
                roomId, participantId, participantContext, trackName));
        return new DataResponse<>(created.stream().map(RecordingView::of).toList());
    }

    @GetMapping("/{recordingId}")
    DataResponse<RecordingView> get(AccountId account, @PathVariable String recordingId) {
        return new DataResponse<>(RecordingView.of(recordings.get(account, Ids.parse(recordingId, "Room recording"))));
    }

    @DeleteMapping("/{recordingId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(AccountId account, @PathVariable String recordingId) {
        recordings.delete(account, Ids.parse(recordingId, "Room recording"));
    }

    private static RecordingQuery filters(QueryParams query) {
        return new RecordingQuery(
                query.dateFilter("date_started_at"),
                query.dateFilter("date_ended_at"),
                query.uuid("filter[room_id]"),
                query.uuid("filter[session_id]"),
                query.uuid("filter[participant_id]"),
                query.oneOf("filter[status]", "completed", "processing"),
                query.oneOf("filter[type]", "audio", "video"),
                query.integer("filter[duration_secs]").map(RecordingView::shortestMillisShownAsAtLeast),
                query.text("filter[track_name]", pattern -> TrackNames.problem("filter[track_name]", pattern)));
    }
}
