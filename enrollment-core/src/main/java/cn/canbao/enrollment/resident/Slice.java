package cn.canbao.enrollment.resident;

import java.util.List;

/**
 * One page of results and whether another follows. No total count: counting a county's 1.5
 * million rows on every page view is the slow query pages must not wait for.
 */
public record Slice<T>(List<T> content, int page, int size, boolean hasNext) {
}
