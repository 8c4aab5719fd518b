package io.connectionhealth.demo;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The demo workspace's world: well-known integrations with their categories, scopes, endpoints and (for the
 * ones synced by jobs, Leen's model) data exports, and the customers who connect them.
 */
final class DemoCatalog {

    /** How the integration layer talks to an integration: single API calls (Unified.to) or sync job runs (Leen). */
    enum Style { CALLS, JOBS }

    /** One REST resource of a category, such as {@code /crm/contact}. {@code writable}: POST/PATCH happen too. */
    record Resource(String path, boolean writable) {
    }

    /** One data export of a sync job. */
    record Export(String type, String endpoint) {
    }

    record Integration(String type, String name, List<String> categories, Style style, int connections,
                       List<String> scopes, List<Resource> resources, List<Export> exports) {

        boolean enrichment() {
            return categories.contains("enrichment");
        }

        String category() {
            return categories.getFirst();
        }
    }

    private static final Map<String, List<String>> SCOPES = Map.ofEntries(
            Map.entry("crm", List.of("crm_contact_read", "crm_contact_write", "crm_deal_read", "crm_company_read",
                    "crm_event_read", "crm_lead_read")),
            Map.entry("ticketing", List.of("ticketing_ticket_read", "ticketing_ticket_write", "ticketing_customer_read",
                    "ticketing_note_read")),
            Map.entry("hris", List.of("hris_employee_read", "hris_timeoff_read", "hris_payslip_read", "hris_group_read")),
            Map.entry("ats", List.of("ats_candidate_read", "ats_job_read", "ats_application_read", "ats_interview_read",
                    "ats_candidate_write")),
            Map.entry("accounting", List.of("accounting_invoice_read", "accounting_account_read",
                    "accounting_contact_read", "accounting_transaction_read")),
            Map.entry("enrichment", List.of("enrich_person_read", "enrich_company_read")),
            Map.entry("messaging", List.of("messaging_message_read", "messaging_channel_read", "messaging_message_write")),
            Map.entry("storage", List.of("storage_file_read", "storage_file_write")),
            Map.entry("commerce", List.of("commerce_item_read", "commerce_collection_read", "commerce_inventory_read",
                    "commerce_item_write")),
            Map.entry("security", List.of("devices_read", "vulnerabilities_read", "alerts_read")),
            Map.entry("identity", List.of("users_read", "groups_read", "devices_read")));

    private static final Map<String, List<Resource>> RESOURCES = Map.of(
            "crm", List.of(new Resource("/crm/contact", true), new Resource("/crm/deal", true),
                    new Resource("/crm/company", false), new Resource("/crm/event", false), new Resource("/crm/lead", true)),
            "ticketing", List.of(new Resource("/ticketing/ticket", true), new Resource("/ticketing/customer", false),
                    new Resource("/ticketing/note", true)),
            "ats", List.of(new Resource("/ats/candidate", true), new Resource("/ats/job", false),
                    new Resource("/ats/application", false), new Resource("/ats/interview", false)),
            "accounting", List.of(new Resource("/accounting/invoice", true), new Resource("/accounting/account", false),
                    new Resource("/accounting/contact", false), new Resource("/accounting/transaction", false)),
            "enrichment", List.of(new Resource("/enrich/person", false), new Resource("/enrich/company", false)),
            "messaging", List.of(new Resource("/messaging/message", true), new Resource("/messaging/channel", false)),
            "storage", List.of(new Resource("/storage/file", true)),
            "commerce", List.of(new Resource("/commerce/item", true), new Resource("/commerce/collection", false),
                    new Resource("/commerce/inventory", false)));

    static final List<Integration> INTEGRATIONS = List.of(
            calls("salesforce", "Salesforce", List.of("crm"), 12),
            calls("hubspot", "HubSpot", List.of("crm", "marketing"), 15),
            calls("pipedrive", "Pipedrive", List.of("crm"), 6),
            calls("zendesk", "Zendesk", List.of("ticketing"), 9),
            calls("jira", "Jira", List.of("ticketing", "task"), 8),
            calls("freshdesk", "Freshdesk", List.of("ticketing"), 5),
            jobs("bamboohr", "BambooHR", "hris", 7, List.of(new Export("employees", "/v1/employees/directory"),
                    new Export("time_off", "/v1/time_off/requests"), new Export("compensation", "/v1/employees/tables/compensation"))),
            jobs("workday", "Workday", "hris", 5, List.of(new Export("workers", "/ccx/api/v1/workers"),
                    new Export("organizations", "/ccx/api/v1/organizations"), new Export("time_off", "/ccx/api/absenceManagement/v1/timeOff"))),
            jobs("gusto", "Gusto", "hris", 6, List.of(new Export("employees", "/v1/companies/employees"),
                    new Export("payrolls", "/v1/companies/payrolls"), new Export("departments", "/v1/companies/departments"))),
            calls("greenhouse", "Greenhouse", List.of("ats"), 7),
            calls("lever", "Lever", List.of("ats"), 5),
            calls("quickbooks", "QuickBooks Online", List.of("accounting"), 8),
            calls("xero", "Xero", List.of("accounting"), 6),
            calls("clearbit", "Clearbit", List.of("enrichment"), 5),
            calls("apollo", "Apollo.io", List.of("enrichment", "crm"), 5),
            calls("peopledatalabs", "People Data Labs", List.of("enrichment"), 4),
            calls("slack", "Slack", List.of("messaging"), 10),
            calls("google-drive", "Google Drive", List.of("storage"), 7),
            calls("shopify", "Shopify", List.of("commerce"), 8),
            jobs("crowdstrike", "CrowdStrike Falcon", "security", 6, List.of(new Export("devices", "/devices/queries/devices/v1"),
                    new Export("vulnerabilities", "/spotlight/combined/vulnerabilities/v1"), new Export("alerts", "/alerts/queries/alerts/v2"))),
            jobs("okta", "Okta", "identity", 6, List.of(new Export("users", "/api/v1/users"),
                    new Export("groups", "/api/v1/groups"), new Export("devices", "/api/v1/devices"))));

    static final Map<String, Integration> BY_TYPE = INTEGRATIONS.stream()
            .collect(Collectors.toUnmodifiableMap(Integration::type, Function.identity()));

    /** Customer slugs, used as external_xref: the id of the customer in the integration layer's own app. */
    static final List<String> CUSTOMERS = List.of("acme-corp", "globex", "initech", "umbrella-health", "stark-industries",
            "wayne-enterprises", "hooli", "pied-piper", "soylent", "wonka-industries", "tyrell-corp", "cyberdyne",
            "vandelay-imports", "dunder-mifflin", "oscorp", "aperture-labs", "black-mesa", "massive-dynamic",
            "monarch-solutions", "nakatomi-trading", "gringotts", "prestige-worldwide", "bluth-company", "sterling-cooper",
            "los-pollos", "krusty-krab", "buy-n-large", "weyland-yutani", "virtucon", "gekko-partners", "duff-brewing",
            "spacely-sprockets", "cogswell-cogs", "initrode", "strickland-propane", "paper-street", "big-kahuna",
            "nimbus-analytics", "blue-sun", "rekall", "omni-consumer", "zorg-industries", "ollivanders", "sirius-cybernetics",
            "frobozz-magic");

    static final Set<String> CUSTOMER_SET = Set.copyOf(CUSTOMERS);

    private DemoCatalog() {
    }

    static Optional<Integration> integration(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }

    private static Integration calls(String type, String name, List<String> categories, int connections) {
        String main = categories.getFirst();
        return new Integration(type, name, categories, Style.CALLS, connections, SCOPES.get(main), RESOURCES.get(main),
                List.of());
    }

    private static Integration jobs(String type, String name, String category, int connections, List<Export> exports) {
        return new Integration(type, name, List.of(category), Style.JOBS, connections, SCOPES.get(category), List.of(),
                exports);
    }
}
