//! The customer display's live feed: server-sent events, one per change at the register.

use std::convert::Infallible;

use axum::extract::{Path, State};
use axum::response::sse::{Event, KeepAlive, Sse};
use caisse_app::App;
use caisse_app::checkout::display::{self, DisplayEvent};
use tokio_stream::{Stream, StreamExt, wrappers::WatchStream};
use uuid::Uuid;

use crate::error::{ApiError, ErrorEnvelope};
use crate::extract::{Caller, DeviceToken};

/// What the register's customer should see, as `text/event-stream`: an event named `display`
/// at once with the current state, then one per change (a display that falls behind gets the
/// latest state, never a backlog). Data: `{"state": "idle"|"sale"|"paid", "register", "sale",
/// "change", "total", "receipt_number", "seq"}`. Comments keep the connection alive.
/// Anyone signed in who may sell on that register may watch it, and so may the device paired
/// with it (a display beside the till needs nobody's session).
#[utoipa::path(get, path = "/api/v1/registers/{id}/display/events", tag = "registers", params(("id" = Uuid, Path)),
    responses((status = 200, content_type = "text/event-stream", description = "events named `display`, data as below", body = DisplayEvent),
              (status = 401, body = ErrorEnvelope), (status = 404, description = "`not_found`: no such register in the store", body = ErrorEnvelope)))]
pub async fn display_events(
    State(app): State<App>,
    caller: Result<Caller, ApiError>,
    DeviceToken(device): DeviceToken,
    Path(id): Path<Uuid>,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, ApiError> {
    let who = match caller {
        Ok(Caller(who)) => who,
        Err(no_session) if device.is_some() => {
            caisse_app::auth::display_viewer(&app, device.as_deref())
                .await
                .map_err(|_| no_session)?
        }
        Err(no_session) => return Err(no_session),
    };
    let feed = display::subscribe(&app, &who, id).await?;
    let register = feed.register;
    let events = WatchStream::new(feed.states).map(move |state| {
        let event = Event::default().event("display").id(state.seq.to_string());
        Ok(match event.json_data(state.event(&register)) {
            Ok(e) => e,
            Err(e) => {
                tracing::error!(error = %e, "display event not serialisable");
                Event::default().comment("unavailable")
            }
        })
    });
    Ok(Sse::new(events).keep_alive(KeepAlive::default()))
}
