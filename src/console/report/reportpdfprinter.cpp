#include "console/report/reportpdfprinter.h"

#include <QAbstractTextDocumentLayout>
#include <QGuiApplication>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QScreen>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QUrl>

#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Console {

namespace {

constexpr double kMmPerInch = 25.4;

// QTextDocument lays out without a paint device in the screen's logical DPI, which is
// also the unit image sizes in the HTML are taken in.
double layoutDpi()
{
    if (const QScreen *screen = QGuiApplication::primaryScreen())
        return screen->logicalDotsPerInchY() > 0 ? screen->logicalDotsPerInchY() : 96.0;
    return 96.0;
}

QSizeF bodySize(double dpi)
{
    const QSizeF page = QPageSize(QPageSize::A4).size(QPageSize::Millimeter);
    const double width = page.width() - 2 * ReportPdfPrinter::kMarginMm;
    const double height = page.height() - ReportPdfPrinter::kMarginMm - ReportPdfPrinter::kBottomMarginMm;
    return QSizeF(width / kMmPerInch * dpi, height / kMmPerInch * dpi);
}

QFont bodyFont()
{
    QFont font(u"DejaVu Sans"_s);
    font.setStyleHint(QFont::SansSerif);
    font.setPointSizeF(9.5);
    return font;
}

// A heading must not end a page. One whose following content (the next block: a note,
// a picture, a table's header cell; and room for a few table rows) would start on the
// next page starts that page itself. Runs top to bottom, so each decision sees the
// layout the earlier ones made.
void keepHeadingsWithContent(QTextDocument &document)
{
    constexpr double kFollowing = 110;   // a note line, a header row and two rows
    const double pageHeight = document.pageSize().height();
    QAbstractTextDocumentLayout *layout = document.documentLayout();
    // The layout is lazy; a block not laid out yet has an empty bounding rectangle.
    layout->documentSize();
    for (QTextBlock block = document.begin(); block.isValid(); block = block.next()) {
        if (block.blockFormat().headingLevel() < 2)
            continue;
        const QRectF heading = layout->blockBoundingRect(block);
        double needed = heading.bottom() + kFollowing;
        if (const QTextBlock next = block.next(); next.isValid()) {
            const QRectF following = layout->blockBoundingRect(next);
            needed = std::max(needed, following.height() < 0.9 * pageHeight ? following.bottom()
                                                                              : following.top() + pageHeight / 3);
        }
        const double pageEnd = (std::floor(heading.top() / pageHeight) + 1) * pageHeight;
        if (needed > pageEnd) {
            QTextBlockFormat format = block.blockFormat();
            format.setPageBreakPolicy(QTextFormat::PageBreak_AlwaysBefore);
            QTextCursor(block).setBlockFormat(format);
            layout->documentSize();
        }
    }
}

} // namespace

int ReportPdfPrinter::contentWidth()
{
    return int(std::floor(bodySize(96.0).width())) - 4;
}

bool ReportPdfPrinter::print(const QString &html, const QHash<QString, QImage> &resources, const QString &title,
                             QIODevice *device, QString *error)
{
    if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance())) {
        *error = tr("the PDF report needs a GUI application object (QGuiApplication) for its fonts");
        return false;
    }

    QPdfWriter writer(device);
    writer.setTitle(title);
    writer.setCreator(u"Portolan "_s + QStringLiteral(PORTOLAN_VERSION));
    writer.setResolution(300);
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF(0, 0, 0, 0),
                                     QPageLayout::Millimeter));

    const double dpi = layoutDpi();
    const QSizeF body = bodySize(dpi);
    QTextDocument document;
    document.setDefaultFont(bodyFont());
    document.setDocumentMargin(0);
    for (auto it = resources.cbegin(); it != resources.cend(); ++it)
        document.addResource(QTextDocument::ImageResource, QUrl(it.key()), it.value());
    document.setHtml(html);
    document.setPageSize(body);
    keepHeadingsWithContent(document);
    const int pages = std::max(1, document.pageCount());

    QPainter painter;
    if (!painter.begin(&writer)) {
        *error = tr("cannot start the PDF");
        return false;
    }
    const double scale = writer.logicalDpiX() / dpi;
    const QPointF origin(ReportPdfPrinter::kMarginMm / kMmPerInch * dpi, ReportPdfPrinter::kMarginMm / kMmPerInch * dpi);
    QFont footerFont = bodyFont();
    footerFont.setPointSizeF(7.5);

    for (int page = 0; page < pages; ++page) {
        if (page > 0 && !writer.newPage()) {
            *error = tr("cannot add page %1 to the PDF").arg(page + 1);
            return false;
        }
        // The body, in layout units scaled up to the device: page n shows the document
        // from n page heights down.
        painter.save();
        const QRectF view(0, page * body.height(), body.width(), body.height());
        painter.scale(scale, scale);
        painter.translate(origin - view.topLeft());
        painter.setClipRect(view);
        QAbstractTextDocumentLayout::PaintContext context;
        context.clip = view;
        context.palette.setColor(QPalette::Text, QColor(0x1f, 0x29, 0x37));
        document.documentLayout()->draw(&painter, context);
        painter.restore();

        // The footer, in device units so its font is sized for the PDF: a hairline, the
        // report's title on the left, the page on the right.
        const QRectF area(origin.x() * scale, (origin.y() + body.height()) * scale, body.width() * scale,
                          (kBottomMarginMm / kMmPerInch) * writer.logicalDpiY());
        const double gap = 4.0 / kMmPerInch * writer.logicalDpiY();
        painter.setPen(QPen(QColor(0xd1, 0xd5, 0xdb), 0.5 / 72.0 * writer.logicalDpiY()));
        painter.drawLine(QPointF(area.left(), area.top() + gap), QPointF(area.right(), area.top() + gap));
        painter.setFont(footerFont);
        painter.setPen(QColor(0x6b, 0x72, 0x80));
        const QRectF text = area.adjusted(0, gap * 1.5, 0, 0);
        const QString pageText = tr("page %1 of %2").arg(page + 1).arg(pages);
        painter.drawText(text, Qt::AlignRight | Qt::AlignTop, pageText);
        const QFontMetricsF metrics(footerFont, &writer);
        const double room = text.width() - metrics.horizontalAdvance(pageText) - 2 * gap;
        painter.drawText(text, Qt::AlignLeft | Qt::AlignTop, metrics.elidedText(title, Qt::ElideRight, room));
    }
    if (!painter.end()) {
        *error = tr("cannot finish the PDF");
        return false;
    }
    return true;
}

} // namespace Portolan::Console
