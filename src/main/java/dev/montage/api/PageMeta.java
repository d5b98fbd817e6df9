package dev.montage.api;

/** The Telnyx PaginationMeta; the SDKs page while {@code page_number < total_pages}. */
public record PageMeta(int pageNumber, int pageSize, int totalPages, long totalResults) {

    public static PageMeta of(PageRequest page, long totalResults) {
        int totalPages = (int) ((totalResults + page.size() - 1) / page.size());
        return new PageMeta(page.number(), page.size(), totalPages, totalResults);
    }
}
