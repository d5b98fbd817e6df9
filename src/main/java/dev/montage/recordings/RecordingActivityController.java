package dev.montage.recordings;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import dev.montage.api.AccountId;
import dev.montage.api.DataResponse;
import dev.montage.api.Ids;

/** {@code GET /v2/room_recordings/{id}/activity} (extension): the speech-activity timeline made at upload. */
@RestController
class RecordingActivityController {

    private final RecordingActivities activities;

    RecordingActivityController(RecordingActivities activities) {
        this.activities = activities;
    }

    @GetMapping("/v2/room_recordings/{recordingId}/activity")
    DataResponse<RecordingActivity> activity(AccountId account, @PathVariable String recordingId) {
        return new DataResponse<>(activities.of(account, Ids.parse(recordingId, "Room recording")));
    }
}
