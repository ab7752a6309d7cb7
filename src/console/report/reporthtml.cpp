#include "console/report/reporthtml.h"

#include "console/report/reportformat.h"
#include "console/report/reporttimeline.h"
#include "scenario/reportjson.h"

#include <QBuffer>
#include <QDateTime>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Console {

namespace {

using Target = ReportHtml::Target;

QString e(const QString &text)
{
    return ReportFormat::escape(text);
}

// Shared by both targets; QTextDocument ignores what it does not know (max-width,
// line-height), the browser gets the finer points from kBrowserStyle.
const auto kStyle = R"(
body { font-family: "DejaVu Sans", "Segoe UI", "Helvetica Neue", Arial, sans-serif; font-size: 9.5pt; color: #1f2937; background-color: #ffffff; }
h1 { font-size: 19pt; font-weight: bold; color: #111827; margin-top: 0px; margin-bottom: 2px; }
h2 { font-size: 12.5pt; font-weight: bold; color: #111827; margin-top: 22px; margin-bottom: 6px; }
p { margin-top: 4px; margin-bottom: 6px; }
p.sub { color: #6b7280; margin-top: 0px; margin-bottom: 12px; }
p.note { color: #6b7280; font-size: 8.5pt; }
p.caption { color: #4b5563; font-size: 8.5pt; margin-top: 2px; margin-bottom: 14px; }
p.footer { color: #9ca3af; font-size: 8pt; margin-top: 24px; }
table.data { margin-top: 4px; margin-bottom: 4px; }
table.data th { background-color: #f3f4f6; color: #374151; font-size: 8.5pt; font-weight: bold; text-align: left; border-bottom: 1px solid #d1d5db; }
table.data td { border-bottom: 1px solid #e5e7eb; vertical-align: top; font-size: 8.5pt; }
table.facts td { vertical-align: top; }
td.key { color: #6b7280; white-space: nowrap; }
td.num, th.num { text-align: right; white-space: nowrap; }
td.nowrap { white-space: nowrap; }
tr.group td { border-top: 1px solid #d1d5db; }
td.node { font-weight: bold; }
.mono { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 8.5pt; }
.muted { color: #6b7280; }
.detail { color: #4b5563; font-size: 8.5pt; }
.pass { color: #166534; background-color: #dcfce7; font-weight: bold; }
.fail { color: #991b1b; background-color: #fee2e2; font-weight: bold; }
.open { color: #374151; background-color: #e5e7eb; font-weight: bold; }
.hand { color: #92400e; background-color: #fef3c7; font-weight: bold; }
.verdict-text { color: #ffffff; font-size: 15pt; font-weight: bold; }
.verdict-sub { color: #ffffff; font-size: 10.5pt; }
)";

const auto kBrowserStyle = R"(
body { max-width: 980px; margin: 28px auto; padding: 0 28px; line-height: 1.45; font-size: 10pt; }
nav { margin: 4px 0 18px 0; font-size: 9pt; }
nav a { color: #2563eb; text-decoration: none; margin-right: 14px; }
nav a:hover { text-decoration: underline; }
h2 { border-bottom: 1px solid #e5e7eb; padding-bottom: 4px; }
table.data { width: 100%; border-collapse: collapse; }
table.data th, table.data td { padding: 5px 8px; }
table.data tbody tr:hover td { background-color: #f9fafb; }
table.facts td { padding: 3px 16px 3px 0; }
.badge { display: inline-block; padding: 1px 7px; border-radius: 9px; font-size: 8pt; letter-spacing: 0.03em; }
img.figure { max-width: 100%; height: auto; border: 1px solid #e5e7eb; border-radius: 4px; }
@media print { body { margin: 0; max-width: none; } nav { display: none; } h2 { page-break-after: avoid; } tr { page-break-inside: avoid; } }
)";

QString pngDataUri(const QImage &image)
{
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return u"data:image/png;base64,"_s + QString::fromLatin1(png.toBase64());
}

class Page
{
public:
    Page(const ReportInput &input, const ReportFigures &figures, const ReportHtml::Options &options)
        : m_input(input)
        , m_figures(figures)
        , m_options(options)
        , m_print(options.target == Target::Print)
        , m_summary(Scenario::ReportJson::build(input.scenario ? *input.scenario : Scenario::Scenario{},
                                                input.record ? *input.record : Scenario::RunRecord{},
                                                input.results))
    {
    }

    QString build()
    {
        QString out;
        out.reserve(64 * 1024);
        out += u"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"_s;
        if (!m_print)
            out += u"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"_s;
        out += u"<meta name=\"generator\" content=\"Portolan "_s + QStringLiteral(PORTOLAN_VERSION) + u"\">\n"_s;
        out += u"<title>"_s + e(ReportHtml::title(m_input)) + u" \u2014 "_s + ReportHtml::tr("run report")
               + u"</title>\n<style>"_s + QString::fromUtf8(kStyle);
        if (!m_print)
            out += QString::fromUtf8(kBrowserStyle);
        out += u"</style>\n</head>\n<body>\n"_s;
        out += header();
        out += facts();
        out += expectations();
        out += timeline();
        out += stopwatches();
        out += topology();
        out += charts();
        out += requests();
        out += events();
        out += metrics();
        out += footer();
        out += u"</body>\n</html>\n"_s;
        return out;
    }

private:
    static QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
    {
        return ReportHtml::tr(text, disambiguation, n);
    }

    const Scenario::RunRecord &record() const
    {
        static const Scenario::RunRecord empty;
        return m_input.record ? *m_input.record : empty;
    }

    // Cell padding is an attribute for QTextDocument; the browser takes it from CSS.
    QString tableOpen(const QString &cssClass, bool fullWidth = true) const
    {
        return u"<table class=\""_s + cssClass + u"\" cellspacing=\"0\" cellpadding=\""_s
               + (m_print ? u"4"_s : u"0"_s) + u"\""_s + (fullWidth ? u" width=\"100%\""_s : QString()) + u">\n"_s;
    }

    static QString th(const QString &text, bool numeric = false, int widthPercent = 0)
    {
        QString cell = u"<th"_s;
        if (numeric)
            cell += u" class=\"num\" align=\"right\""_s;
        else
            cell += u" align=\"left\""_s;
        if (widthPercent > 0)
            cell += u" width=\""_s + QString::number(widthPercent) + u"%\""_s;
        return cell + u'>' + e(text) + u"</th>"_s;
    }

    static QString td(const QString &html, const QString &cssClass = {})
    {
        if (cssClass == "num"_L1)
            return u"<td class=\"num\" align=\"right\">"_s + html + u"</td>"_s;
        if (cssClass.isEmpty())
            return u"<td>"_s + html + u"</td>"_s;
        return u"<td class=\""_s + cssClass + u"\">"_s + html + u"</td>"_s;
    }

    // A small coloured word: PASS, FAIL, BY HAND, ... In the PDF the padding comes from
    // non-breaking spaces, since QTextDocument pads no inline element.
    QString badge(const QString &kind, const QString &text) const
    {
        const QString pad = m_print ? u"&nbsp;"_s : QString();
        return u"<span class=\"badge "_s + kind + u"\">"_s + pad + e(text) + pad + u"</span>"_s;
    }

    QString section(const QString &id, const QString &heading) const
    {
        return u"<h2 id=\""_s + id + u"\"><a name=\""_s + id + u"\"></a>"_s + e(heading) + u"</h2>\n"_s;
    }

    QString image(const QImage &picture, const QString &resource, const QString &alt) const
    {
        const QSizeF logical = picture.deviceIndependentSize();
        const double scale = std::min(1.0, double(m_options.contentWidth) / std::max(1.0, logical.width()));
        const int width = int(logical.width() * scale);
        const int height = int(logical.height() * scale);
        const QString source = m_print ? resource : pngDataUri(picture);
        return u"<p><img class=\"figure\" src=\""_s + source + u"\" width=\""_s + QString::number(width)
               + u"\" height=\""_s + QString::number(height) + u"\" alt=\""_s + e(alt) + u"\"></p>\n"_s;
    }

    QString header() const
    {
        QString out = u"<h1>"_s + e(ReportHtml::title(m_input)) + u"</h1>\n"_s;
        QString sub = tr("Portolan run report");
        if (m_input.scenario && !m_input.scenario->file.isEmpty())
            sub += u" \u00b7 "_s + QFileInfo(m_input.scenario->file).fileName();
        const QString started = ReportFormat::wallClock(record().startedAtMs);
        if (!started.isEmpty())
            sub += u" \u00b7 "_s + started;
        out += u"<p class=\"sub\">"_s + e(sub) + u"</p>\n"_s;

        const qsizetype total = m_input.results.size();
        const qsizetype held = std::count_if(m_input.results.cbegin(), m_input.results.cend(),
                                             [](const Scenario::ExpectationResult &r) { return r.passed; });
        QString word, line, colour;
        if (total == 0) {
            word = tr("NOT JUDGED");
            line = tr("This run was not checked against the scenario's expectations.");
            colour = u"#4b5563"_s;
        } else if (held == total) {
            word = tr("PASSED");
            line = tr("%1 of %2 expectations held").arg(held).arg(total);
            colour = u"#15803d"_s;
        } else {
            word = tr("FAILED");
            line = tr("%1 of %2 expectations held, %3 failed").arg(held).arg(total).arg(total - held);
            colour = u"#b91c1c"_s;
        }
        out += u"<table class=\"verdict\" width=\"100%\" cellspacing=\"0\" cellpadding=\"12\" style=\"background-color:"_s
               + colour + u"\"><tr><td style=\"background-color:"_s + colour + u"; padding: 12px 18px\">"_s
               + u"<span class=\"verdict-text\">"_s + e(word) + u"</span>&nbsp;&nbsp;&nbsp;<span class=\"verdict-sub\">"_s
               + e(line) + u"</span></td></tr></table>\n"_s;

        if (!m_print) {
            out += u"<nav>"_s;
            const QList<QPair<QString, QString>> links{
                {u"run"_s, tr("Run")},           {u"expectations"_s, tr("Expectations")},
                {u"timeline"_s, tr("Timeline")}, {u"stopwatch"_s, tr("Failure stopwatch")},
                {u"topology"_s, tr("Topology")}, {u"charts"_s, tr("Charts")},
                {u"requests"_s, tr("Requests")}, {u"events"_s, tr("Events")},
                {u"metrics"_s, tr("Metrics")}};
            for (const auto &[id, text] : links)
                out += u"<a href=\"#"_s + id + u"\">"_s + e(text) + u"</a>"_s;
            out += u"</nav>\n"_s;
        }
        return out;
    }

    QString facts() const
    {
        const Scenario::RunRecord &r = record();
        QList<QPair<QString, QString>> pairs;   // label, html
        pairs.append({tr("Scenario"), e(m_input.scenario ? m_input.scenario->name : r.scenario)});
        if (m_input.scenario && !m_input.scenario->file.isEmpty())
            pairs.append({tr("Scenario file"), u"<span class=\"mono\">"_s + e(m_input.scenario->file) + u"</span>"_s});
        const QString started = ReportFormat::wallClock(r.startedAtMs);
        const QString ended = ReportFormat::wallClock(r.endedAtMs);
        pairs.append({tr("Started"), started.isEmpty() ? ReportFormat::none() : e(started)});
        pairs.append({tr("Ended"), ended.isEmpty() ? ReportFormat::none() : e(ended)});
        const bool timed = r.startedAtMs > 0 && r.endedAtMs >= r.startedAtMs;
        pairs.append({tr("Duration"), timed ? e(ReportFormat::duration(r.endedAtMs - r.startedAtMs)) : ReportFormat::none()});
        pairs.append({tr("Processes"), QString::number(r.processCount)});
        pairs.append({tr("Ready after"), r.processCount > 0 ? e(ReportFormat::duration(r.readyAfterMs)) : ReportFormat::none()});

        const qsizetype manual = std::count_if(r.steps.cbegin(), r.steps.cend(),
                                               [](const Scenario::StepRecord &s) { return s.manual; });
        QString steps = tr("%n fired", nullptr, int(r.steps.size()));
        if (m_input.scenario)
            steps += u", "_s + tr("%n planned", nullptr, int(m_input.scenario->timeline.size()));
        if (manual > 0)
            steps += u", "_s + tr("%n by the operator", nullptr, int(manual));
        pairs.append({tr("Timeline steps"), e(steps)});
        const qsizetype answered = std::count_if(r.requests.cbegin(), r.requests.cend(),
                                                 [](const Scenario::RequestRecord &q) { return q.answeredMs >= 0; });
        pairs.append({tr("Requests"), e(tr("%1 sent, %2 answered").arg(r.requests.size()).arg(answered))});
        pairs.append({tr("Events"), QString::number(r.events.size())});
        QSet<QString> series;
        for (const Scenario::MetricSample &s : r.metrics)
            series.insert(s.node + u'\n' + s.metric);
        pairs.append({tr("Metric samples"),
                      e(tr("%1 in %2 series").arg(r.metrics.size()).arg(series.size()))});

        QString out = section(u"run"_s, tr("Run"));
        out += tableOpen(u"facts"_s);
        for (qsizetype i = 0; i < pairs.size(); i += 2) {
            out += u"<tr><td class=\"key\" width=\"14%\">"_s + e(pairs.at(i).first) + u"</td><td width=\"36%\">"_s
                   + pairs.at(i).second + u"</td>"_s;
            if (i + 1 < pairs.size())
                out += u"<td class=\"key\" width=\"14%\">"_s + e(pairs.at(i + 1).first) + u"</td><td width=\"36%\">"_s
                       + pairs.at(i + 1).second + u"</td>"_s;
            else
                out += u"<td></td><td></td>"_s;
            out += u"</tr>\n"_s;
        }
        out += u"</table>\n"_s;

        if (m_input.scenario) {
            // The description is written wrapped in YAML: lines run together, blank
            // lines part paragraphs.
            static const QRegularExpression paragraphBreak(u"\\n\\s*\\n"_s);
            const QStringList paragraphs = m_input.scenario->description.trimmed().split(paragraphBreak, Qt::SkipEmptyParts);
            for (const QString &paragraph : paragraphs)
                out += u"<p>"_s + e(paragraph.simplified()) + u"</p>\n"_s;
            if (!m_input.scenario->parameters.isEmpty()) {
                QStringList parts;
                for (auto it = m_input.scenario->parameters.cbegin(); it != m_input.scenario->parameters.cend(); ++it) {
                    const QJsonValue v = it.value();
                    QString value;
                    if (v.isString())
                        value = v.toString();
                    else if (v.isDouble())
                        value = ReportFormat::number(v.toDouble());
                    else if (v.isBool())
                        value = v.toBool() ? u"true"_s : u"false"_s;
                    else if (v.isArray())
                        value = QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
                    else if (v.isObject())
                        value = QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
                    else
                        value = u"null"_s;
                    parts.append(u"<span class=\"mono\">"_s + e(it.key()) + u" = "_s + e(value) + u"</span>"_s);
                }
                out += u"<p class=\"note\">"_s + e(tr("Parameters:")) + u" "_s + parts.join(u", "_s) + u"</p>\n"_s;
            }
        }
        return out;
    }

    QString expectations() const
    {
        QString out = section(u"expectations"_s, tr("Expectations"));
        const bool judged = !m_input.results.isEmpty();
        if (!judged && (!m_input.scenario || m_input.scenario->expectations.isEmpty()))
            return out + u"<p class=\"note\">"_s + e(tr("The scenario declares no expectations.")) + u"</p>\n"_s;

        out += tableOpen(u"data"_s);
        out += u"<thead><tr>"_s + th(u"#"_s, true, 4) + th(tr("Expectation"), false, 40) + th(tr("Kind"), false, 14)
               + th(tr("Result"), false, 8) + th(tr("Detail")) + u"</tr></thead>\n<tbody>\n"_s;
        if (judged) {
            int n = 0;
            for (const Scenario::ExpectationResult &r : m_input.results) {
                out += u"<tr>"_s + td(QString::number(++n), u"num"_s) + td(e(r.name))
                       + td(u"<span class=\"mono\">"_s + e(r.kind) + u"</span>"_s)
                       + td(r.passed ? badge(u"pass"_s, tr("PASS")) : badge(u"fail"_s, tr("FAIL")), u"nowrap"_s)
                       + td(u"<span class=\"detail\">"_s + e(r.detail) + u"</span>"_s) + u"</tr>\n"_s;
            }
        } else {
            int n = 0;
            for (const Scenario::Expectation &x : m_input.scenario->expectations) {
                out += u"<tr>"_s + td(QString::number(++n), u"num"_s) + td(e(x.name))
                       + td(u"<span class=\"mono\">"_s + e(x.kind) + u"</span>"_s)
                       + td(badge(u"open"_s, tr("NOT JUDGED")), u"nowrap"_s) + td(QString()) + u"</tr>\n"_s;
            }
        }
        return out + u"</tbody>\n</table>\n"_s;
    }

    QString timeline() const
    {
        QString out = section(u"timeline"_s, tr("Timeline"));
        const QList<ReportTimeline::Row> rows = ReportTimeline::rows(record(), m_input.scenario);
        if (rows.isEmpty())
            return out + u"<p class=\"note\">"_s + e(tr("No timeline step fired during this run.")) + u"</p>\n"_s;
        out += u"<p class=\"note\">"_s
               + e(tr("Steps in the order they fired; the operator's own actions are marked \u201cby hand\u201d. "
                      "The charts below mark each step with its number."))
               + u"</p>\n"_s;
        out += tableOpen(u"data"_s);
        out += u"<thead><tr>"_s + th(u"#"_s, true, 4) + th(tr("Planned"), true, 9) + th(tr("Fired"), true, 9)
               + th(tr("Action"), false, 12) + th(tr("Caption"), false, 36) + th(tr("By"), false, 9)
               + th(tr("Outcome")) + u"</tr></thead>\n<tbody>\n"_s;
        for (const ReportTimeline::Row &row : rows) {
            const QString by = row.manual ? badge(u"hand"_s, tr("by hand")) : u"<span class=\"muted\">"_s + e(tr("timeline")) + u"</span>"_s;
            QString outcome;
            if (!row.reached())
                outcome = badge(u"open"_s, tr("NOT REACHED"));
            else
                outcome = row.ok ? badge(u"pass"_s, tr("OK")) : badge(u"fail"_s, tr("FAILED"));
            if (!row.detail.isEmpty())
                outcome += u"<br><span class=\"detail\">"_s + e(row.detail) + u"</span>"_s;
            const QString planned = row.manual && row.plannedMs <= 0 ? ReportFormat::none() : e(ReportFormat::clock(row.plannedMs));
            out += u"<tr>"_s + td(QString::number(row.number), u"num"_s) + td(planned, u"num"_s)
                   + td(e(ReportFormat::clock(row.firedMs)), u"num"_s)
                   + td(u"<span class=\"mono\">"_s + e(row.action) + u"</span>"_s) + td(e(row.caption))
                   + td(by, u"nowrap"_s) + td(outcome) + u"</tr>\n"_s;
        }
        return out + u"</tbody>\n</table>\n"_s;
    }

    QString stopwatches() const
    {
        QString out = section(u"stopwatch"_s, tr("Failure stopwatch"));
        const QList<Scenario::StopwatchRecord> &watches = record().stopwatches;
        if (watches.isEmpty())
            return out + u"<p class=\"note\">"_s + e(tr("Nothing was broken during this run, so no failure was timed."))
                   + u"</p>\n"_s;
        out += u"<p class=\"note\">"_s
               + e(tr("From the moment something was broken: how long until the first node noticed, and until "
                      "traffic flowed again on a path around it."))
               + u"</p>\n"_s;
        out += tableOpen(u"data"_s);
        out += u"<thead><tr>"_s + th(tr("What broke"), false, 28) + th(tr("At"), true, 11)
               + th(tr("Detected after"), true, 14) + th(tr("Recovered after"), true, 16) + th(tr("In flight"), true, 11)
               + th(tr("Lost"), true, 10) + th(tr("Resent"), true, 10) + u"</tr></thead>\n<tbody>\n"_s;
        for (const Scenario::StopwatchRecord &w : watches) {
            QString recovered = e(ReportFormat::duration(w.recoveryMs()));
            if (w.recoveryMs() < 0)
                recovered = badge(w.closed ? u"fail"_s : u"open"_s, w.closed ? tr("not recovered") : tr("still open"));
            const QString lost = w.lost > 0 ? badge(u"fail"_s, QString::number(w.lost)) : QString::number(w.lost);
            out += u"<tr>"_s
                   + td(u"<span class=\"mono\">"_s + e(w.action) + u"</span> "_s + e(w.target))
                   + td(e(ReportFormat::clock(w.startedMs)), u"num"_s)
                   + td(e(ReportFormat::duration(w.detectionMs())), u"num"_s) + td(recovered, u"num"_s)
                   + td(QString::number(w.inFlightAtStart), u"num"_s) + td(lost, u"num"_s)
                   + td(QString::number(w.resent), u"num"_s) + u"</tr>\n"_s;
        }
        return out + u"</tbody>\n</table>\n"_s;
    }

    QString topology() const
    {
        QString out = section(u"topology"_s, tr("Topology at the end of the run"));
        if (m_figures.topology.isNull())
            return out + u"<p class=\"note\">"_s + e(tr("No picture of the topology was captured for this run."))
                   + u"</p>\n"_s;
        return out + image(m_figures.topology, ReportHtml::topologyResource(), tr("The network topology as the run ended"));
    }

    QString charts() const
    {
        QString out = section(u"charts"_s, tr("Charts"));
        if (record().metrics.isEmpty())
            return out + u"<p class=\"note\">"_s + e(tr("No metric samples were recorded, so there is nothing to chart."))
                   + u"</p>\n"_s;
        if (!m_figures.chartsAvailable)
            return out + u"<p class=\"note\">"_s
                   + e(tr("Charts were not drawn: they need the application's graphics (a QApplication). "
                          "The time series are in the metric files."))
                   + u"</p>\n"_s;
        if (m_figures.queueingNodes == 0) {
            out += u"<p class=\"caption\">"_s + e(tr("Queue depth: nothing was queued at any node during the run."))
                   + u"</p>\n"_s;
        } else if (!m_figures.queueDepth.isNull()) {
            out += image(m_figures.queueDepth, ReportHtml::queueDepthResource(), tr("Queue depth over time"));
            QString caption = m_figures.queueNodesShown < m_figures.queueingNodes
                                  ? tr("Messages queued over all nodes, and at the %1 nodes with the deepest queues "
                                       "(of %2 that queued anything).")
                                        .arg(m_figures.queueNodesShown)
                                        .arg(m_figures.queueingNodes)
                                  : tr("Messages queued over all nodes, and at each node that queued anything.");
            caption += u' ' + tr("Routers count messages in flight, entities their outstanding work.");
            out += u"<p class=\"caption\">"_s + e(caption) + u"</p>\n"_s;
        }
        if (!m_figures.rates.isNull()) {
            out += image(m_figures.rates, ReportHtml::ratesResource(), tr("Message rates over time"));
            out += u"<p class=\"caption\">"_s
                   + e(tr("Messages delivered to consumers, acknowledged back to their senders and resent over a "
                          "new path, per second, summed over the routers and entities."))
                   + u"</p>\n"_s;
        }
        return out;
    }

    QString requests() const
    {
        QString out = section(u"requests"_s, tr("Requests"));
        const QList<Scenario::RequestRecord> &all = record().requests;
        if (all.isEmpty())
            return out + u"<p class=\"note\">"_s + e(tr("The timeline sent no requests.")) + u"</p>\n"_s;
        out += tableOpen(u"data"_s);
        out += u"<thead><tr>"_s + th(tr("Step"), false, 18) + th(tr("Request"), false, 34) + th(tr("Router"))
               + th(tr("Sent"), true) + th(tr("Latency"), true) + th(tr("Status"), true) + th(tr("Answer"))
               + u"</tr></thead>\n<tbody>\n"_s;
        for (const Scenario::RequestRecord &q : all) {
            QString status;
            if (q.status >= 200 && q.status < 300)
                status = badge(u"pass"_s, QString::number(q.status));
            else if (q.status > 0)
                status = badge(u"fail"_s, QString::number(q.status));
            else
                status = badge(u"fail"_s, tr("none"));
            QString answer = !q.error.isEmpty() ? e(q.error)
                             : q.body.isEmpty() ? ReportFormat::none()
                                                : e(tr("%n bytes", nullptr, int(q.body.size())));
            out += u"<tr>"_s + td(e(q.name.isEmpty() ? ReportFormat::none() : q.name))
                   + td(u"<span class=\"mono\">"_s + e(q.method + u' ' + q.path) + u"</span>"_s) + td(e(q.router))
                   + td(e(ReportFormat::clock(q.sentMs)), u"num"_s)
                   + td(e(q.answeredMs >= 0 ? ReportFormat::duration(q.answeredMs - q.sentMs) : ReportFormat::none()), u"num"_s)
                   + td(status, u"num"_s) + td(u"<span class=\"detail\">"_s + answer + u"</span>"_s) + u"</tr>\n"_s;
        }
        return out + u"</tbody>\n</table>\n"_s;
    }

    QString events() const
    {
        QString out = section(u"events"_s, tr("Events"));
        const QJsonObject counts = m_summary.value("eventCounts"_L1).toObject();
        if (counts.isEmpty())
            return out + u"<p class=\"note\">"_s + e(tr("No events were recorded.")) + u"</p>\n"_s;
        constexpr int kPerRow = 3;
        out += tableOpen(u"data"_s);
        out += u"<thead><tr>"_s;
        for (int i = 0; i < kPerRow; ++i)
            out += th(tr("Event"), false, 22) + th(tr("Count"), true, 11);
        out += u"</tr></thead>\n<tbody>\n"_s;
        const QStringList kinds = counts.keys();
        const qsizetype rows = (kinds.size() + kPerRow - 1) / kPerRow;
        // Column-major, so the alphabetical order reads down each column.
        for (qsizetype row = 0; row < rows; ++row) {
            out += u"<tr>"_s;
            for (int col = 0; col < kPerRow; ++col) {
                const qsizetype i = col * rows + row;
                if (i < kinds.size())
                    out += td(u"<span class=\"mono\">"_s + e(kinds.at(i)) + u"</span>"_s)
                           + td(QString::number(counts.value(kinds.at(i)).toInt()), u"num"_s);
                else
                    out += u"<td></td><td></td>"_s;
            }
            out += u"</tr>\n"_s;
        }
        return out + u"</tbody>\n</table>\n"_s;
    }

    QString metrics() const
    {
        QString out = section(u"metrics"_s, tr("Metrics"));
        const QJsonObject nodes = m_summary.value("metrics"_L1).toObject();
        if (nodes.isEmpty())
            return out + u"<p class=\"note\">"_s + e(tr("No metric samples were recorded.")) + u"</p>\n"_s;

        // Rows grouped by node. QTextDocument lays a long table out in time that grows
        // faster than its length, so the PDF gets one table per few dozen rows (whole
        // nodes, each with its header row); the browser gets one table.
        QList<QString> groups;
        int quiet = 0;
        QList<int> groupRows;
        for (auto node = nodes.constBegin(); node != nodes.constEnd(); ++node) {
            const QJsonObject metrics = node.value().toObject();
            QString group;
            int rows = 0;
            for (auto m = metrics.constBegin(); m != metrics.constEnd(); ++m) {
                const QJsonObject s = m.value().toObject();
                if (s.value("min"_L1).toDouble() == 0 && s.value("max"_L1).toDouble() == 0) {
                    ++quiet;
                    continue;
                }
                group += rows == 0 ? u"<tr class=\"group\">"_s : u"<tr>"_s;
                group += td(rows == 0 ? e(node.key()) : QString(), u"node"_s)
                         + td(u"<span class=\"mono\">"_s + e(m.key()) + u"</span>"_s)
                         + td(ReportFormat::number(s.value("last"_L1).toDouble()), u"num"_s)
                         + td(ReportFormat::number(s.value("min"_L1).toDouble()), u"num"_s)
                         + td(ReportFormat::number(s.value("max"_L1).toDouble()), u"num"_s)
                         + td(ReportFormat::number(s.value("mean"_L1).toDouble()), u"num"_s)
                         + td(QString::number(s.value("samples"_L1).toInteger()), u"num"_s) + u"</tr>\n"_s;
                ++rows;
            }
            if (rows > 0) {
                groups.append(group);
                groupRows.append(rows);
            }
        }
        QString note = tr("Every metric each node reported, sampled during the run: its last value, lowest, highest "
                          "and mean.");
        if (quiet > 0)
            note += u' ' + tr("%n series that stayed at zero throughout are left out.", nullptr, quiet);
        if (m_options.mentionSeriesFiles)
            note += u' ' + tr("Every sample is in timeseries.csv and timeseries.json next to this report.");
        out += u"<p class=\"note\">"_s + e(note) + u"</p>\n"_s;

        const QString head = tableOpen(u"data"_s) + u"<thead><tr>"_s + th(tr("Node"), false, 14)
                             + th(tr("Metric"), false, 36) + th(tr("Last"), true, 10) + th(tr("Min"), true, 10)
                             + th(tr("Max"), true, 10) + th(tr("Mean"), true, 10) + th(tr("Samples"), true, 10)
                             + u"</tr></thead>\n<tbody>\n"_s;
        const QString tail = u"</tbody>\n</table>\n"_s;
        constexpr int kRowsPerPrintTable = 40;
        int rowsInTable = 0;
        for (qsizetype i = 0; i < groups.size(); ++i) {
            if (i == 0 || (m_print && rowsInTable >= kRowsPerPrintTable)) {
                if (i > 0)
                    out += tail;
                out += head;
                rowsInTable = 0;
            }
            out += groups.at(i);
            rowsInTable += groupRows.at(i);
        }
        if (!groups.isEmpty())
            out += tail;
        return out;
    }

    QString footer() const
    {
        return u"<p class=\"footer\">"_s
               + e(tr("Generated by Portolan %1 on %2.")
                       .arg(QStringLiteral(PORTOLAN_VERSION),
                            ReportFormat::wallClock(QDateTime::currentMSecsSinceEpoch())))
               + u"</p>\n"_s;
    }

    const ReportInput &m_input;
    const ReportFigures &m_figures;
    const ReportHtml::Options m_options;
    const bool m_print;
    const QJsonObject m_summary;
};

} // namespace

QString ReportHtml::topologyResource()
{
    return u"portolan-topology.png"_s;
}

QString ReportHtml::queueDepthResource()
{
    return u"portolan-queue-depth.png"_s;
}

QString ReportHtml::ratesResource()
{
    return u"portolan-rates.png"_s;
}

QString ReportHtml::title(const ReportInput &input)
{
    if (!input.title.trimmed().isEmpty())
        return input.title.trimmed();
    if (input.scenario && !input.scenario->name.isEmpty())
        return input.scenario->name;
    if (input.record && !input.record->scenario.isEmpty())
        return input.record->scenario;
    return tr("Portolan run");
}

QString ReportHtml::build(const ReportInput &input, const ReportFigures &figures, const Options &options)
{
    return Page(input, figures, options).build();
}

} // namespace Portolan::Console
