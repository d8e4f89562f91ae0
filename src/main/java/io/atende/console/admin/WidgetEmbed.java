package io.atende.console.admin;

import java.util.List;

import io.atende.department.DepartmentManagement;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * The chat widget's embed code as an admin pastes it into a site: the script at the installation's
 * public address (the widget talks back to where it was loaded from) with the account and the
 * department whose queue its chats enter, one snippet per department.
 */
@Component
class WidgetEmbed {

    private final DepartmentManagement departments;
    private final String publicUrl;

    WidgetEmbed(DepartmentManagement departments, @Value("${atende.public-url}") String publicUrl) {
        this.departments = departments;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    /** A department's snippet. */
    record Choice(String departmentId, String departmentName, String snippet) {
    }

    /** The account's snippets and the one shown: the chosen department's, else the first department's ({@code null} without departments). */
    record Snippets(List<Choice> choices, Choice chosen) {
    }

    Snippets of(String accountId, String chosenDepartment) {
        var choices = departments.listDepartments(accountId).stream()
                .map(department -> new Choice(department.id(), department.name(), snippet(accountId, department.id()))).toList();
        var chosen = choices.stream().filter(choice -> choice.departmentId().equals(chosenDepartment)).findFirst()
                .orElse(choices.isEmpty() ? null : choices.get(0));
        return new Snippets(choices, chosen);
    }

    private String snippet(String accountId, String departmentId) {
        return "<script src=\"" + HtmlUtils.htmlEscape(publicUrl + "/widget.js") + "\" data-account=\"" + HtmlUtils.htmlEscape(accountId)
                + "\" data-department=\"" + HtmlUtils.htmlEscape(departmentId) + "\" async></script>";
    }
}
