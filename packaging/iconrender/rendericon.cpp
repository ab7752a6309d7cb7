// Build-time tool of the packaging (not installed): renders the application icon's SVG
// into the PNG sizes a desktop icon theme looks for, with Qt's own SVG renderer, so the
// build needs nothing beyond the Qt it already uses.
//
//   portolan_rendericon ICON.svg SIZE OUT.png [SIZE OUT.png ...]

#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>
#include <QTextStream>

int main(int argc, char *argv[])
{
    // No display is needed to paint into an image.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QTextStream err(stderr);
    const QStringList args = QCoreApplication::arguments().mid(1);
    if (args.size() < 3 || args.size() % 2 == 0) {
        err << "usage: portolan_rendericon ICON.svg SIZE OUT.png [SIZE OUT.png ...]\n";
        return 2;
    }
    QSvgRenderer renderer(args.at(0));
    if (!renderer.isValid()) {
        err << "portolan_rendericon: cannot read " << args.at(0) << " as SVG\n";
        return 1;
    }
    for (qsizetype i = 1; i + 1 < args.size(); i += 2) {
        bool ok = false;
        const int size = args.at(i).toInt(&ok);
        if (!ok || size < 1 || size > 4096) {
            err << "portolan_rendericon: '" << args.at(i) << "' is not an icon size\n";
            return 2;
        }
        QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        {
            QPainter painter(&image);
            painter.setRenderHint(QPainter::Antialiasing);
            painter.setRenderHint(QPainter::SmoothPixmapTransform);
            renderer.render(&painter, QRectF(0, 0, size, size));
        }
        const QString out = args.at(i + 1);
        QDir().mkpath(QFileInfo(out).absolutePath());
        if (!image.save(out, "PNG")) {
            err << "portolan_rendericon: cannot write " << out << '\n';
            return 1;
        }
    }
    return 0;
}
