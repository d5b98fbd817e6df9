package dev.montage.hooks;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.montage.api.ListResponse;
import dev.montage.api.PageRequest;
import dev.montage.api.SqlFilter;
import dev.montage.api.Timestamps;

@Repository
class CompositionHookRepository {

    private final JdbcClient jdbc;

    CompositionHookRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(CompositionHook hook) {
        jdbc.sql("""
                insert into composition_hooks (id, account_id, friendly_name, enabled, composition_body,
                                               status_callback, status_callback_method, status_callback_token,
                                               created_at, updated_at)
                values (:id, :account_id, :friendly_name, :enabled, :composition_body,
                        :status_callback, :status_callback_method, :status_callback_token, :created_at, :updated_at)
                """)
                .param("id", hook.id())
                .param("account_id", hook.accountId())
                .param("friendly_name", hook.friendlyName())
                .param("enabled", hook.enabled())
                .param("composition_body", hook.compositionBody())
                .param("status_callback", hook.statusCallback())
                .param("status_callback_method", hook.statusCallbackMethod())
                .param("status_callback_token", hook.sealedCallbackToken())
                .param("created_at", Timestamps.toDb(hook.createdAt()))
                .param("updated_at", Timestamps.toDb(hook.updatedAt()))
                .update();
    }

    void update(CompositionHook hook) {
        jdbc.sql("""
                update composition_hooks set friendly_name = :friendly_name, enabled = :enabled,
                                             composition_body = :composition_body, status_callback = :status_callback,
                                             status_callback_method = :status_callback_method,
                                             status_callback_token = :status_callback_token, updated_at = :updated_at
                 where id = :id and account_id = :account_id
                """)
                .param("id", hook.id())
                .param("account_id", hook.accountId())
                .param("friendly_name", hook.friendlyName())
                .param("enabled", hook.enabled())
                .param("composition_body", hook.compositionBody())
                .param("status_callback", hook.statusCallback())
                .param("status_callback_method", hook.statusCallbackMethod())
                .param("status_callback_token", hook.sealedCallbackToken())
                .param("updated_at", Timestamps.toDb(hook.updatedAt()))
                .update();
    }

    Optional<CompositionHook> find(UUID accountId, UUID id) {
        return jdbc.sql("select * from composition_hooks where id = :id and account_id = :account_id")
                .param("id", id)
                .param("account_id", accountId)
                .query(CompositionHookRepository::map)
                .optional();
    }

    boolean delete(UUID accountId, UUID id) {
        return jdbc.sql("delete from composition_hooks where id = :id and account_id = :account_id")
                .param("id", id)
                .param("account_id", accountId)
                .update() > 0;
    }

    /** The hooks that fire when one of the account's sessions ends, oldest first. */
    List<CompositionHook> enabled(UUID accountId) {
        return jdbc.sql("""
                select * from composition_hooks where account_id = :account_id and enabled
                 order by created_at, id
                """)
                .param("account_id", accountId)
                .query(CompositionHookRepository::map)
                .list();
    }

    /** One page of the account's hooks, newest first; enabled or not and of one name when given. */
    ListResponse<CompositionHook> list(UUID accountId, Optional<Boolean> enabled, Optional<String> friendlyName,
            PageRequest page) {
        SqlFilter filter = new SqlFilter()
                .where("account_id = :account_id", "account_id", accountId)
                .whereIfPresent("enabled = :enabled", "enabled", enabled)
                .whereIfPresent("friendly_name = :friendly_name", "friendly_name", friendlyName);
        return filter.page(jdbc, "composition_hooks", "created_at desc, id desc", page,
                CompositionHookRepository::map);
    }

    private static CompositionHook map(ResultSet rs, int row) throws SQLException {
        return new CompositionHook(
                rs.getObject("id", UUID.class),
                rs.getObject("account_id", UUID.class),
                rs.getString("friendly_name"),
                rs.getBoolean("enabled"),
                rs.getString("composition_body"),
                rs.getString("status_callback"),
                rs.getString("status_callback_method"),
                rs.getString("status_callback_token"),
                Timestamps.fromDb(rs, "created_at"),
                Timestamps.fromDb(rs, "updated_at"));
    }
}
