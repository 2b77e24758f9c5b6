"""The office's set-up of resolutions, targets, tasks and the indicator catalogue: one form and
one service per record, used by the set-up pages (chitieu.web.views.setup) and the API's write
routes alike. It sits outside the storage apps because it checks who may write
(chitieu.org.access), which `plans` may not import."""
