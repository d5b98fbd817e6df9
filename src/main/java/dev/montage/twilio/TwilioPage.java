package dev.montage.twilio;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.montage.api.ListResponse;
import dev.montage.api.PageRequest;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Twilio's paging: {@code Page} counts from 0, {@code PageSize} 1 to 1000 (default 50), and each list answers its
 * items under a key of its own next to a {@code meta} whose URLs a client follows as they are. {@code PageToken} is
 * what Twilio puts in those URLs; Montage pages by number, so its token is {@code PT} and the page number, and a
 * token that names another page than {@code Page} is refused.
 */
record TwilioPage(int page, int pageSize) {

    static final int DEFAULT_SIZE = 50;
    static final int MAX_SIZE = 1000;
    private static final Set<String> PAGING = Set.of("Page", "PageSize", "PageToken");
    private static final Pattern TOKEN = Pattern.compile("PT(\\d{1,9})");

    static TwilioPage of(HttpServletRequest request) {
        int size = number(request, "PageSize", DEFAULT_SIZE, 1, MAX_SIZE);
        Integer fromToken = token(request.getParameter("PageToken"));
        int page = number(request, "Page", fromToken == null ? 0 : fromToken, 0, Integer.MAX_VALUE / MAX_SIZE);
        if (fromToken != null && fromToken != page) {
            throw TwilioException.badParameter("PageToken", "it names page " + fromToken + ", and Page is " + page);
        }
        return new TwilioPage(page, size);
    }

    PageRequest request() {
        return new PageRequest(page + 1, pageSize);
    }

    /**
     * {@code {"<key>": [...], "meta": {...}}}, with the URLs of this, the first, the previous and the next page: the
     * request's own path and filters, with the paging parameters set anew.
     */
    <T> Map<String, Object> answer(String key, ListResponse<T> rows, String baseUrl, HttpServletRequest request) {
        String path = baseUrl + request.getRequestURI();
        String filters = filters(request);
        boolean hasNext = (long) (page + 1) * pageSize < rows.meta().totalResults();
        Meta meta = new Meta(page, pageSize, url(path, filters, 0), page > 0 ? url(path, filters, page - 1) : null,
                url(path, filters, page), hasNext ? url(path, filters, page + 1) : null, key);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put(key, rows.data());
        answer.put("meta", meta);
        return answer;
    }

    private String url(String path, String filters, int number) {
        return path + "?" + filters + "PageSize=" + pageSize + "&Page=" + number
                + (number > 0 ? "&PageToken=PT" + number : "");
    }

    /** The request's other parameters, each {@code name=value&}, in the order the client sent them. */
    private static String filters(HttpServletRequest request) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String[]> entry : request.getParameterMap().entrySet()) {
            if (PAGING.contains(entry.getKey())) {
                continue;
            }
            for (String value : entry.getValue()) {
                out.append(encode(entry.getKey())).append('=').append(encode(value)).append('&');
            }
        }
        return out.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static int number(HttpServletRequest request, String name, int fallback, int min, int max) {
        String raw = request.getParameter(name);
        if (raw == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw TwilioException.badParameter(name, "must be a whole number from " + min + " to " + max + ", not '"
                + raw + "'");
    }

    private static Integer token(String raw) {
        if (raw == null) {
            return null;
        }
        Matcher m = TOKEN.matcher(raw);
        if (!m.matches()) {
            throw TwilioException.badParameter("PageToken", "'" + raw + "' is not a token this service gave out");
        }
        return Integer.parseInt(m.group(1));
    }

    /** Twilio's list {@code meta}. */
    record Meta(int page, int pageSize, String firstPageUrl, String previousPageUrl, String url, String nextPageUrl,
            String key) {
    }
}
