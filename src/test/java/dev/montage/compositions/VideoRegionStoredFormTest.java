package dev.montage.compositions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** A region stored before show_labels and cell_spacing existed reads as drawn then: no labels, no gaps. */
class VideoRegionStoredFormTest {

    private final JsonMapper mapper = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

    @Test
    void aRegionStoredWithoutTheLookOptionsHasNoLabelsAndNoGaps() {
        VideoRegion region = mapper.readValue("""
                {"x_pos": 0, "y_pos": 0, "z_pos": 0, "width": 640, "height": 360, "max_rows": null,
                 "max_columns": null, "video_sources": ["*"], "video_sources_excluded": [], "cells_excluded": [],
                 "reuse": "show_oldest"}""", VideoRegion.class);

        assertThat(region.showLabels()).isFalse();
        assertThat(region.cellSpacing()).isZero();
    }

    @Test
    void theLookOptionsRoundTrip() {
        VideoRegion region = new VideoRegion(0, 0, 0, 640, 360, null, null, List.of("*"),
                List.of(), List.of(), "show_oldest", false, List.of(), List.of(), null, null, null, true, 12);

        String json = mapper.writeValueAsString(region);

        assertThat(json).contains("\"show_labels\":true").contains("\"cell_spacing\":12");
        assertThat(mapper.readValue(json, VideoRegion.class)).isEqualTo(region);
    }
}
