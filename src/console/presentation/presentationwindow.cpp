#include "console/presentation/presentationwindow.h"

#include "console/presentation/presentationmodel.h"
#include "console/presentation/topologyimageprovider.h"

#include <QGuiApplication>
#include <QKeyEvent>
#include <QQmlEngine>
#include <QScreen>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Console {

PresentationWindow::PresentationWindow(PresentationModel *model, QWindow *parent)
    : QQuickView(parent)
    , m_model(model)
{
    setTitle(tr("Portolan — Presentation"));
    setColor(QColor(0x0d, 0x11, 0x17));
    setResizeMode(QQuickView::SizeRootObjectToView);
    setMinimumSize(QSize(640, 400));
    engine()->addImageProvider(u"topology"_s, new TopologyImageProvider(model->picture()));
    setInitialProperties({{u"presentation"_s, QVariant::fromValue<QObject *>(model)}});
    setSource(QUrl(u"qrc:/portolan/presentation/Presentation.qml"_s));
    connect(this, &QWindow::visibleChanged, m_model, &PresentationModel::setPictureRefreshActive);
    connect(this, &QWindow::widthChanged, this, [this] { m_model->setPictureSize(size() * devicePixelRatio()); });
    connect(this, &QWindow::heightChanged, this, [this] { m_model->setPictureSize(size() * devicePixelRatio()); });
}

QStringList PresentationWindow::loadErrors() const
{
    QStringList messages;
    const QList<QQmlError> list = errors();
    for (const QQmlError &error : list)
        messages.append(error.toString());
    return messages;
}

void PresentationWindow::present(QScreen *avoid)
{
    const QList<QScreen *> screens = QGuiApplication::screens();
    QScreen *target = avoid ? avoid : QGuiApplication::primaryScreen();
    for (QScreen *screen : screens) {
        if (screen != avoid) {
            target = screen;
            break;
        }
    }
    if (target) {
        setScreen(target);
        setGeometry(target->geometry());
    }
    // Full screen even on the console's only screen: that is the mirrored-projector case;
    // F11 or Escape gives the console back.
    showFullScreen();
    raise();
    requestActivate();
}

bool PresentationWindow::event(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange || event->type() == QEvent::LocaleChange) {
        engine()->retranslate();
        m_model->retranslate();
        setTitle(tr("Portolan — Presentation"));
    }
    return QQuickView::event(event);
}

void PresentationWindow::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape) {
        close();
        return;
    }
    if (event->key() == Qt::Key_F11) {
        if (windowState() & Qt::WindowFullScreen)
            showNormal();
        else
            showFullScreen();
        return;
    }
    QQuickView::keyPressEvent(event);
}

void PresentationWindow::exposeEvent(QExposeEvent *event)
{
    QQuickView::exposeEvent(event);
    m_model->setPictureSize(size() * devicePixelRatio());
}

} // namespace Portolan::Console
